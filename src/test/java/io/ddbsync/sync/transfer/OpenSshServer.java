package io.ddbsync.sync.transfer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSH's own sshd on 127.0.0.1, run by the current user with host and user keys generated
 * into a temporary directory: a real target (and source) host for the rsync leg, and the
 * baseline of the transfer benchmark. Needs /usr/sbin/sshd, ssh-keygen and ssh (openssh-server,
 * openssh-client).
 */
public final class OpenSshServer implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process process;
    private final Path dir;
    private final int port;

    private OpenSshServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** sshd and rsync are what a machine may lack; ssh and ssh-keygen come with openssh-server. */
    public static boolean available() {
        return Files.isExecutable(SSHD) && onPath("rsync");
    }

    /**
     * Starts sshd with an ed25519 host key. It lets the current user in with {@link #userKey()};
     * {@link #quotaKey()} gets in too, but whatever it runs may write files of at most 1 MiB
     * (ulimit -f, with SIGXFSZ ignored so writes fail with EFBIG), like a nearly full disk.
     */
    public static OpenSshServer start(Path dir) throws IOException, InterruptedException {
        return start(dir, List.of());
    }

    /**
     * The same, with {@code sessionEnvironment} ("NAME=value", sshd_config's SetEnv) in the
     * environment of every command and SFTP session it runs, as a host's own settings (e.g. its locale) would be.
     */
    public static OpenSshServer start(Path dir, List<String> sessionEnvironment) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        keygen(dir.resolve("host_ed25519"));
        keygen(dir.resolve("user_ed25519"));
        keygen(dir.resolve("quota_ed25519"));
        keygen(dir.resolve("stranger_ed25519"));
        Files.writeString(dir.resolve("authorized_keys"),
                Files.readString(dir.resolve("user_ed25519.pub"))
                        + "command=\"trap '' XFSZ; ulimit -f 2048; eval \\\"$SSH_ORIGINAL_COMMAND\\\"\" "
                        + Files.readString(dir.resolve("quota_ed25519.pub")));
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_ed25519"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PidFile " + dir.resolve("sshd.pid"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "Subsystem sftp internal-sftp",
                "LogLevel INFO",
                sessionEnvironment.isEmpty() ? "" : "SetEnv " + String.join(" ", sessionEnvironment),
                ""));
        if ("root".equals(System.getProperty("user.name"))) {
            // sshd started by root separates privileges and insists on this directory
            Files.createDirectories(Path.of("/run/sshd"));
        }
        int port = freePort();
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString(), "-p", String.valueOf(port))
                .redirectErrorStream(true).start();
        OpenSshServer server = new OpenSshServer(process, dir, port);
        try {
            server.awaitListening();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + publicKey(dir.resolve("host_ed25519.pub")) + "\n");
        return server;
    }

    public int port() {
        return port;
    }

    public String user() {
        return System.getProperty("user.name");
    }

    public Path userKey() {
        return dir.resolve("user_ed25519");
    }

    Path quotaKey() {
        return dir.resolve("quota_ed25519");
    }

    /** A key sshd does not accept. */
    Path strangerKey() {
        return dir.resolve("stranger_ed25519");
    }

    /** known_hosts listing this server's host key for [127.0.0.1]:port. */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /**
     * The rsync leg's settings as config/application.properties gives them (transfer.rsync.*), for
     * this server playing both the source and the target host, with the user's key everywhere.
     */
    public void putRsyncLegSettings(Properties p) {
        for (String side : new String[]{"source", "target"}) {
            p.setProperty("transfer.rsync." + side + "Host", "127.0.0.1");
            p.setProperty("transfer.rsync." + side + "Port", String.valueOf(port()));
            p.setProperty("transfer.rsync." + side + "Username", user());
            p.setProperty("transfer.rsync." + side + "PrivateKeyFile", userKey().toString());
            p.setProperty("transfer.rsync." + side + "KnownHostsFile", knownHosts().toString());
        }
        p.setProperty("transfer.rsync.rsyncIdentityFile", userKey().toString());
        p.setProperty("transfer.rsync.rsyncKnownHostsFile", knownHosts().toString());
    }

    /** sshd prints "Server listening on 127.0.0.1 port N." when it accepts connections. */
    private void awaitListening() throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.contains("Server listening on")) return null;
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                seen.append(e);
            }
            return seen.toString();
        });
        try {
            String failure = listening.get(20, TimeUnit.SECONDS);
            if (failure != null) throw new IOException("sshd did not start: " + failure);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("sshd did not start within 20 s", e);
        }
        // keep draining its log so sshd never blocks on a full pipe
        CompletableFuture.runAsync(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // sshd stopped
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }

    private static void keygen(Path file) throws IOException, InterruptedException {
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ddbsync-test", "-f", file.toString()));
    }

    /** "type base64" of a .pub file, without its comment (a known_hosts line: host, type, key). */
    private static String publicKey(Path pub) throws IOException {
        String[] parts = Files.readString(pub).trim().split(" ");
        return parts[0] + " " + parts[1];
    }

    /** Runs a program on this machine; returns its output (stdout and stderr), or throws with it if the program failed. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(command + " failed: " + out);
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
