package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import io.ddbsync.sync.offline.ManifestMismatchException;
import org.apache.camel.Exchange;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.fs.SftpFileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;

/**
 * The SFTP leg's restore directory on a host that gives SFTP and nothing else (OpenSSH's
 * internal-sftp, a chroot, a managed SFTP service): emptied and checked through SFTP, as a file
 * system (MINA SSHD's), instead of by shell commands. The check is the manifest's, run on the
 * runner: every file is read back over SFTP through SHA-256, so the backup's bytes cross the link a
 * second time (on a host with a shell, sha256sum reads them in place). The host key is checked
 * against the known_hosts file as for the leg's commands ({@link KnownHostsClientBuilder}).
 */
public class SftpOnlyTarget {
    private String host;
    private int port = 22;
    private String username;
    private String password;
    private String privateKeyFile;
    private String privateKeyPassphrase;
    private KnownHostsClientBuilder clientBuilder;
    private long connectTimeoutMillis = 10_000;

    /** Empties the restore directory ({@link TargetDirectory#clear}). */
    public void clear(Exchange exchange) throws Exception {
        String restore = TransferPaths.remoteDirectory(exchange.getIn().getHeader(TransferHeaders.RESTORE_PATH, String.class));
        onTarget(fs -> TargetDirectory.clear(fs.getPath(restore)));
    }

    /** Checks the restore directory against the manifest ({@link TargetDirectory#verify}), reading every file back. */
    public void verify(Exchange exchange) throws Exception {
        String restore = TransferPaths.remoteDirectory(exchange.getIn().getHeader(TransferHeaders.RESTORE_PATH, String.class));
        BackupManifest written = exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class);
        onTarget(fs -> TargetDirectory.verify(fs.getPath(restore), written));
    }

    private interface OnTarget {
        void run(SftpFileSystem fs) throws IOException, ManifestMismatchException, TransferException;
    }

    private void onTarget(OnTarget work) throws Exception {
        Duration timeout = Duration.ofMillis(connectTimeoutMillis);
        try (SshClient client = clientBuilder.build()) {
            client.start();
            try (ClientSession session = client.connect(username, host, port).verify(timeout).getSession()) {
                if (privateKeyFile != null && !privateKeyFile.isBlank()) {
                    for (KeyPair key : keys(session)) session.addPublicKeyIdentity(key);
                } else {
                    session.addPasswordIdentity(password);
                }
                try {
                    session.auth().verify(timeout);
                } catch (IOException e) {
                    throw explained(e, timeout);
                }
                try (SftpFileSystem fs = SftpClientFactory.instance().createSftpFileSystem(session)) {
                    work.run(fs);
                }
            }
        }
    }

    /** A rejected host key and a refused login end the session alike: say which it was, as the leg's commands do. */
    private IOException explained(IOException e, Duration timeout) {
        Path knownHosts = clientBuilder.getKnownHostsFile();
        if (knownHosts == null || e.getMessage() == null || !e.getMessage().contains("Server key did not validate")) return e;
        try (InputStream in = Files.newInputStream(knownHosts)) {
            return HostKeyDiagnosis.explain(host, port, knownHosts.toString(), in, timeout)
                    .map(finding -> new IOException(e.getMessage() + " (" + finding + ")", e)).orElse(e);
        } catch (IOException unreadable) {
            return new IOException(e.getMessage() + " (the known_hosts file cannot be read: " + unreadable.getMessage() + ")", e);
        }
    }

    private Iterable<KeyPair> keys(ClientSession session) throws IOException, GeneralSecurityException {
        Path file = Path.of(privateKeyFile);
        FilePasswordProvider passphrase = privateKeyPassphrase == null || privateKeyPassphrase.isEmpty()
                ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(privateKeyPassphrase);
        try (InputStream in = Files.newInputStream(file)) {
            return SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName(file.toString()), in, passphrase);
        }
    }

    public void setHost(String host) {
        this.host = host;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void setPrivateKeyFile(String privateKeyFile) {
        this.privateKeyFile = privateKeyFile;
    }

    public void setPrivateKeyPassphrase(String privateKeyPassphrase) {
        this.privateKeyPassphrase = privateKeyPassphrase;
    }

    public void setClientBuilder(KnownHostsClientBuilder clientBuilder) {
        this.clientBuilder = clientBuilder;
    }

    public void setConnectTimeoutMillis(long connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public String toString() {
        // no password: this bean may be logged as a route's local bean
        return "SftpOnlyTarget[" + username + "@" + host + ":" + port + "]";
    }
}
