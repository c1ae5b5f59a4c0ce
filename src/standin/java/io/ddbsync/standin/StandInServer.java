package io.ddbsync.standin;

import io.ddbsync.standin.server.Listener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A DolphinDB-compatible stand-in server: one cluster on one port with its own data directory.
 *
 * <pre>
 * java ... io.ddbsync.standin.StandInServer --port 0 --data /tmp/a [--user admin --password 123456]
 *                                            [--set newValuePartitionPolicy=add]
 * </pre>
 * When ready it prints one line, {@code stand-in listening on 127.0.0.1:<port>}, and runs until SIGTERM.
 * Tests embed it with {@link #start(Options)}.
 */
public final class StandInServer implements AutoCloseable {

    public record Options(int port, Path dataDir, String user, String password, Map<String, String> config) {
        public static Options of(Path dataDir) {
            return new Options(0, dataDir, "admin", "123456", Map.of());
        }

        public Options withConfig(String key, String value) {
            Map<String, String> c = new LinkedHashMap<>(config);
            c.put(key, value);
            return new Options(port, dataDir, user, password, c);
        }

        public Options withPort(int newPort) {
            return new Options(newPort, dataDir, user, password, config);
        }

        public Options withUser(String newUser, String newPassword) {
            return new Options(port, dataDir, newUser, newPassword, config);
        }
    }

    private final StandInNode node;
    private final Listener listener;

    private StandInServer(StandInNode node, Listener listener) {
        this.node = node;
        this.listener = listener;
    }

    public static StandInServer start(Options options) throws IOException {
        Files.createDirectories(options.dataDir());
        StandInNode node = new StandInNode(options.dataDir(), options.user(), options.password(), options.config());
        Listener listener = Listener.open(options.port(), node);
        node.setPort(listener.port());
        return new StandInServer(node, listener);
    }

    public int port() {
        return listener.port();
    }

    public String host() {
        return "127.0.0.1";
    }

    public StandInNode node() {
        return node;
    }

    /** Closes the listening socket and every client connection. */
    @Override
    public void close() {
        listener.close();
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path data = null;
        String user = "admin";
        String password = "123456";
        Map<String, String> config = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--set" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    config.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> {
                    System.err.println("usage: StandInServer --port N --data DIR [--user NAME --password PW] [--set key=value]");
                    System.exit(2);
                }
            }
        }
        if (data == null) data = Files.createTempDirectory("standin-");
        StandInServer server = start(new Options(port, data, user, password, config));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "stand-in-shutdown"));
        System.out.println("stand-in listening on 127.0.0.1:" + server.port());
        System.out.flush();
        stopped.await();
    }
}
