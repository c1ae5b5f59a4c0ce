package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SFTP leg against Apache MINA SSHD on 127.0.0.1: SFTP uploads through camel-ftp, and the
 * emptying and the sha256sum check through camel-ssh, run by a real shell.
 */
class SftpLegTest extends TransferRoutesTestSupport {

    /** Characters that URIs and shells treat specially, so a leak or a wrong escape shows. */
    private static final String PASSWORD = "pw-Zq8&x+y%20 =#secret";

    @TempDir
    static Path serverDir;
    static EmbeddedSftpServer server;
    static Path userKey;
    /** Another host's key, listed for this server's address: what a changed host key looks like. */
    static java.security.PublicKey otherHostKey;

    @BeforeAll
    static void startServer() throws Exception {
        KeyPair user = EmbeddedSftpServer.newRsaKeyPair();
        userKey = EmbeddedSftpServer.writePrivateKey(user, serverDir.resolve("id_rsa"));
        server = EmbeddedSftpServer.start(serverDir, PASSWORD, user.getPublic());
        otherHostKey = EmbeddedSftpServer.newRsaKeyPair().getPublic();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void unlimitedDisk() {
        server.failWritesAfter(Long.MAX_VALUE);
    }

    @Override
    String jobsResource() {
        return "transfer/sftp-jobs.yaml";
    }

    @Override
    Properties testProperties() throws Exception {
        // the leg's settings as config/application.properties gives them; the jobs (transfer/sftp-jobs.yaml)
        // are their jobIds alone, each case's difference in its own transfer.<jobId>.* keys
        Properties p = new Properties();
        server.putSftpLegSettings(p, serverDir);
        // key login with no password to fall back on: only the key can let it in
        p.setProperty("transfer.sftp-key.privateKeyFile", userKey.toString());
        p.setProperty("transfer.sftp-key.password", "");
        p.setProperty("transfer.sftp-key.uploadThreads", "1");
        p.setProperty("transfer.sftp-empty-key.privateKeyFile", "");
        p.setProperty("transfer.sftp-missing-key.privateKeyFile", userKey + ".missing");
        p.setProperty("transfer.sftp-no-login.password", "");
        p.setProperty("transfer.sftp-wrong-password.password", PASSWORD + "-wrong");
        p.setProperty("transfer.sftp-changed-host-key.knownHostsFile", EmbeddedSftpServer.writeKnownHosts(serverDir.resolve("known_hosts_other_key"),
                "[127.0.0.1]:" + server.port(), otherHostKey).toString());
        p.setProperty("transfer.sftp-unknown-host.knownHostsFile", Files.writeString(serverDir.resolve("known_hosts_empty"), "").toString());
        server.writeKnownHosts(serverDir.resolve("known_hosts_other_port"));
        p.setProperty("transfer.sftp-host-key-for-other-port.knownHostsFile", rewritePort(serverDir.resolve("known_hosts_other_port")).toString());
        p.setProperty("transfer.sftp-host-key-for-other-port.reconnectAttempts", "0");
        Path several = EmbeddedSftpServer.writeKnownHosts(serverDir.resolve("known_hosts_several"), "[127.0.0.12]:" + server.port(), otherHostKey);
        String others = Files.readString(several)
                + Files.readString(EmbeddedSftpServer.writeKnownHosts(serverDir.resolve("other_port_line"), "[127.0.0.1]:" + (server.port() == 2 ? 3 : 2), otherHostKey));
        Files.writeString(several, others + Files.readString(server.writeKnownHosts(serverDir.resolve("own_line"))));
        p.setProperty("transfer.sftp-several-hosts.knownHostsFile", several.toString());
        return p;
    }

    @Test
    void passwordLoginUploadsTheWholeTreeAndNothingElse() throws Exception {
        givenBackupAndStaleRestore();
        start();

        Exchange result = transfer("sftp-password");

        assertCompleteRestore(result);
        assertFalse(Files.exists(restore.resolve("db1/20231231")), "files of the older restore are gone");
    }

    @Test
    void keyLoginUploadsTheWholeTree() throws Exception {
        givenBackupAndStaleRestore();
        start();

        assertCompleteRestore(transfer("sftp-key"));
        assertCompleteRestore(transfer("sftp-key"));
    }

    @Test
    void anUnknownHostKeyStopsTheRunBeforeTheTargetIsTouched() throws Exception {
        assertFailsLeavingTargetAsItWas("sftp-unknown-host", "job sftp-unknown-host", "SFTP transfer to sftp://sync@127.0.0.1:" + server.port(),
                "failed while emptying the restore directory", "cannot run the command over SSH: Failed to authenticate username sync",
                "the host key of [127.0.0.1]:" + server.port() + " (ssh-rsa SHA256:", "is not listed in known_hosts file " + serverDir.resolve("known_hosts_empty"));
    }

    @Test
    void aChangedHostKeyStopsTheRunBeforeTheTargetIsTouched() throws Exception {
        assertFailsLeavingTargetAsItWas("sftp-changed-host-key", "job sftp-changed-host-key", "failed while emptying the restore directory",
                "does not match the one listed in " + serverDir.resolve("known_hosts_other_key"), "has the host key changed?");
    }

    @Test
    void aHostKeyListedOnlyForAnotherPortIsNotTrusted() throws Exception {
        // both checks match [host]:port exactly, as OpenSSH does: the commands' (MINA SSHD) refuses
        // before anything is sent, and the upload's (JSch) would too
        assertFailsLeavingTargetAsItWas("sftp-host-key-for-other-port", "job sftp-host-key-for-other-port", "failed while emptying the restore directory",
                "the host key of [127.0.0.1]:" + server.port() + " (ssh-rsa SHA256:", "is not listed in known_hosts file " + serverDir.resolve("known_hosts_other_port"));
    }

    @Test
    void oneKnownHostsFileServesSeveralHosts() throws Exception {
        // lines for other hosts and ports come first, one of them for an address that holds ours
        // (127.0.0.12 contains 127.0.0.1): only the line for [127.0.0.1]:port is this host's
        givenBackupAndStaleRestore();
        start();

        assertCompleteRestore(transfer("sftp-several-hosts"));
    }

    @Test
    void aWrongPasswordStopsTheRunAndIsNeverLogged() throws Exception {
        // the password shared by the leg's jobs, and the wrong one only the failing job has
        assertRefusedLoginThenLoginNeverShowing("pw-Zq8", "sftp-wrong-password", "sftp-password",
                "job sftp-wrong-password", "Failed to authenticate username sync", "the login itself was refused");
    }

    @Test
    void aMissingKeyFileIsNamedBeforeTheTargetIsTouched() throws Exception {
        // camel-ssh would read no key from it and log in with the password instead, or fail saying "No key-pair to add"
        assertFailsLeavingTargetAsItWas("sftp-missing-key", "job sftp-missing-key", "failed while checking the key files",
                "privateKeyFile " + userKey + ".missing does not exist on this runner's host");
    }

    @Test
    void anEmptyKeyFileMeansPasswordLogin() throws Exception {
        // camel-ssh given certResource "file:" would try to load a key from it and fail ("No key-pair to add")
        givenBackupAndStaleRestore();
        start();

        assertCompleteRestore(transfer("sftp-empty-key"));
    }

    @Test
    void neitherAKeyFileNorAPasswordIsNamedBeforeTheTargetIsTouched() throws Exception {
        assertFailsLeavingTargetAsItWas("sftp-no-login", "job sftp-no-login", "failed while emptying the restore directory",
                "this login has neither a key file nor a password: set one in transfer.sftp-no-login.*");
    }

    @Test
    void aFullDiskOnTheTargetStopsTheUploadAndNothingLooksComplete() throws Exception {
        givenBackupAndStaleRestore();
        start();
        server.failWritesAfter(LARGE_FILE / 2);

        // two upload threads (the template's default): the split stops at the first failure
        Exchange result = transfer("sftp-password");

        assertFailure(result, "job sftp-password", "failed while uploading", "Cannot store file: " + restore, ".part",
                "No space left on device");
        assertNoCompleteLookingRestore();
        assertFalse(Files.exists(restore.resolve("db1/20240107/mt_2/Timestamp.col")), "the large file is not there under its own name");
    }

    @Test
    void filesDamagedOrLostOnTheTargetAreNamedBySha256sum() throws Exception {
        givenBackupAndStaleRestore();
        start("sftp-password", a -> a.weaveByToString(".*checking the manifest on the target.*").after().process(e -> {
            Files.write(restore.resolve("db1/20240103/mt_2/price.col"), new byte[] {7}, StandardOpenOption.APPEND);
            Files.delete(restore.resolve("db1/20240105/mt_2/side.col"));
        }));

        Exchange result = transfer("sftp-password");

        assertFailure(result, "job sftp-password", "failed while checking the manifest on the target", "sha256sum -c MANIFEST.sha256 failed",
                "db1/20240103/mt_2/price.col: FAILED", "db1/20240105/mt_2/side.col: FAILED open or read");
        assertNoCompleteLookingRestore();
        assertTrue(Files.exists(restore.resolve(BackupManifest.FILE_NAME + ".failed")));
    }

    @Test
    void aFileTheManifestDoesNotListIsNamed() throws Exception {
        givenBackupAndStaleRestore();
        start("sftp-password", a -> a.weaveByToString(".*checking the manifest on the target.*").after()
                .process(e -> Files.writeString(restore.resolve("db1/20240103/stray.col"), "not from this backup")));

        Exchange result = transfer("sftp-password");

        assertFailure(result, "db1/20240103/stray.col: not in the manifest");
        assertNoCompleteLookingRestore();
    }

    /** The same host key, listed for 127.0.0.1 on a port the server is not on. */
    private static Path rewritePort(Path knownHosts) throws Exception {
        String line = Files.readString(knownHosts).replace("]:" + server.port() + " ", "]:" + (server.port() == 2 ? 3 : 2) + " ");
        Files.writeString(knownHosts, line);
        return knownHosts;
    }
}
