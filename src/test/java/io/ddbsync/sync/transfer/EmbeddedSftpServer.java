package io.ddbsync.sync.transfer;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Apache MINA SSHD on 127.0.0.1 as a target host: SFTP on the real file system (absolute paths
 * mean what they mean on this machine), and commands run by {@code /bin/sh -c} like OpenSSH
 * does, so {@code sha256sum} really runs. RSA host key; password and public-key login.
 * {@link #failWritesAfter(long)} makes SFTP writes fail like a full disk; {@link #takeUploads()}
 * lists the files uploaded, as the server saw them; {@link #holdWritesTo(String)} stops an upload
 * half-way, for a test to end the client there.
 */
public final class EmbeddedSftpServer implements AutoCloseable {

    public static final String USER = "sync";

    private final SshServer server;
    private final KeyPair hostKey;
    private final String password;
    private final AtomicLong writeQuota = new AtomicLong(Long.MAX_VALUE);
    private volatile java.util.regex.Pattern corrupted;
    private final List<Path> uploads = new ArrayList<>();
    private volatile java.util.regex.Pattern held;
    private volatile CountDownLatch holding = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);
    private volatile ServerSession heldSession;

    private EmbeddedSftpServer(SshServer server, KeyPair hostKey, String password) {
        this.server = server;
        this.hostKey = hostKey;
        this.password = password;
    }

    /** Starts a server that lets {@link #USER} in with {@code password} or with {@code userKey}. */
    public static EmbeddedSftpServer start(Path dir, String password, PublicKey userKey) throws IOException, GeneralSecurityException {
        return start(dir, password, userKey, true);
    }

    /** The same; without {@code commands}, a host that gives SFTP only (as OpenSSH's internal-sftp): every command is refused. */
    public static EmbeddedSftpServer start(Path dir, String password, PublicKey userKey, boolean commands) throws IOException, GeneralSecurityException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        // answer each small SFTP request at once, as OpenSSH does, instead of waiting on delayed ACKs
        CoreModuleProperties.TCP_NODELAY.set(sshd, true);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("host-rsa.ser"));
        hostKeys.setAlgorithm(KeyUtils.RSA_ALGORITHM);
        sshd.setKeyPairProvider(hostKeys);
        KeyPair hostKey = hostKeys.loadKeys(null).iterator().next();
        sshd.setPasswordAuthenticator((user, pw, session) -> USER.equals(user) && password.equals(pw));
        sshd.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(userKey, key));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setFileSystemFactory(NativeFileSystemFactory.INSTANCE);
        if (commands) sshd.setCommandFactory((channel, command) -> new ProcessCommand(command));
        EmbeddedSftpServer server = new EmbeddedSftpServer(sshd, hostKey, password);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().withFileSystemAccessor(server.new QuotaAccessor()).build();
        sftp.addSftpEventListener(server.new UploadRecorder());
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.start();
        return server;
    }

    public int port() {
        return server.getPort();
    }

    /**
     * The SFTP leg's settings for this server, as config/application.properties gives them
     * (transfer.sftp.*): password login as {@link #USER}, this server's host key in a known_hosts
     * file written into {@code dir}. A job's entry then names only its jobId.
     */
    public void putSftpLegSettings(Properties p, Path dir) throws IOException {
        p.setProperty("transfer.sftp.host", "127.0.0.1");
        p.setProperty("transfer.sftp.port", String.valueOf(port()));
        p.setProperty("transfer.sftp.username", USER);
        p.setProperty("transfer.sftp.password", password);
        p.setProperty("transfer.sftp.knownHostsFile", writeKnownHosts(dir.resolve("known_hosts")).toString());
    }

    /** From now on, SFTP writes fail with "No space left on device" once {@code bytes} more were written. */
    public void failWritesAfter(long bytes) {
        writeQuota.set(bytes);
    }

    /** From now on, the first byte written to a file whose name matches {@code regex} arrives altered (a damaged transfer). */
    public void corruptFilesMatching(String regex) {
        corrupted = java.util.regex.Pattern.compile(regex);
    }

    /**
     * The files opened for writing over SFTP since the last call, as this server saw them (an upload
     * under a temporary name is listed under that name), in the order they were opened.
     */
    public List<Path> takeUploads() {
        synchronized (uploads) {
            List<Path> taken = List.copyOf(uploads);
            uploads.clear();
            return taken;
        }
    }

    /**
     * From now on, the first write into a file whose name matches {@code regex}, once part of the
     * file is written, waits until {@link #releaseHeldWrite()} or {@link #cutHeldWrite()}: a run
     * stopped there leaves what a run killed mid-upload leaves on the target.
     */
    public void holdWritesTo(String regex) {
        holding = new CountDownLatch(1);
        released = new CountDownLatch(1);
        held = java.util.regex.Pattern.compile(regex);
    }

    /** Waits until a write {@link #holdWritesTo} names has begun and is held; true if it did in time. */
    public boolean awaitHeldWrite(long seconds) throws InterruptedException {
        return holding.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets the held write go on. */
    public void releaseHeldWrite() {
        held = null;
        released.countDown();
    }

    /** Closes the held write's session at once, as the end of the client's process does, and lets the write fail. */
    public void cutHeldWrite() throws IOException {
        held = null;
        ServerSession session = heldSession;
        if (session != null) session.close(true);
        released.countDown();
    }

    /** A known_hosts file that lists this server's host key for 127.0.0.1 on its port. */
    public Path writeKnownHosts(Path file) throws IOException {
        return writeKnownHosts(file, "[127.0.0.1]:" + port(), hostKey.getPublic());
    }

    static Path writeKnownHosts(Path file, String hostPattern, PublicKey key) throws IOException {
        StringBuilder line = new StringBuilder(hostPattern).append(' ');
        PublicKeyEntry.appendPublicKeyEntry(line, key);
        Files.writeString(file, line.append('\n').toString(), StandardCharsets.US_ASCII);
        return file;
    }

    public static KeyPair newRsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** Writes {@code key}'s private half in OpenSSH format, which both JSch and camel-ssh read. */
    public static Path writePrivateKey(KeyPair key, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "ddbsync-test", null, out);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** Records every file opened for writing: the uploads, counted where they land. */
    private final class UploadRecorder implements SftpEventListener {
        @Override
        public void open(ServerSession session, String remoteHandle, Handle localHandle) {
            if (localHandle instanceof FileHandle file && file.getOpenOptions().contains(StandardOpenOption.WRITE)) {
                synchronized (uploads) {
                    uploads.add(file.getFile());
                }
            }
        }
    }

    /** The default accessor, with every opened file's writes counted against the quota. */
    private final class QuotaAccessor implements SftpFileSystemAccessor {
        @Override
        public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
                                            Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
            SeekableByteChannel channel = SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs);
            java.util.regex.Pattern damage = corrupted;
            java.util.regex.Pattern hold = held;
            String name = file.getFileName().toString();
            return new QuotaChannel(channel, damage != null && damage.matcher(name).matches(),
                    hold != null && hold.matcher(name).matches() ? subsystem.getServerSession() : null);
        }
    }

    private final class QuotaChannel implements SeekableByteChannel {
        private final SeekableByteChannel delegate;
        private boolean damage;
        /** The session to hold this file's upload in, or null. */
        private ServerSession hold;

        QuotaChannel(SeekableByteChannel delegate, boolean damage, ServerSession hold) {
            this.delegate = delegate;
            this.damage = damage;
            this.hold = hold;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (hold != null && delegate.position() > 0) {
                // some of the file is written: the upload is half-way
                heldSession = hold;
                hold = null;
                holding.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("held write interrupted");
                }
            }
            if (writeQuota.addAndGet(-src.remaining()) < 0) {
                throw new SftpException(SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, "No space left on device");
            }
            if (damage && src.hasRemaining()) {
                damage = false;
                ByteBuffer altered = ByteBuffer.allocate(src.remaining());
                altered.put(src.duplicate()).flip();
                altered.put(0, (byte) (altered.get(0) ^ 0x5a));
                int n = delegate.write(altered);
                src.position(src.position() + n);
                return n;
            }
            return delegate.write(src);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            delegate.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return delegate.isOpen();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
