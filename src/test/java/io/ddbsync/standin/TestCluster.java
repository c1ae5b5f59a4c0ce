package io.ddbsync.standin;

import com.xxdb.DBConnection;
import com.xxdb.data.Entity;
import com.xxdb.data.Scalar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster for a test: an embedded stand-in on a fresh data directory, or, when
 * DDB_TEST_HOST and DDB_TEST_PORT are set, a real DolphinDB server (DDB_TEST_USER and
 * DDB_TEST_PASSWORD default to admin / 123456). Tests that need a second cluster use the
 * DDB_TEST2_* variables the same way.
 */
public final class TestCluster implements AutoCloseable {
    private static final AtomicInteger DB_COUNTER = new AtomicInteger();
    private final StandInServer server;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Path dataDir;
    /** The stand-in's settings (enableHTTPS among them), kept for a restart. */
    private final Map<String, String> config;
    /** This cluster made its data directory for itself, so closing it deletes the directory. */
    private boolean ownsDataDir;

    private TestCluster(StandInServer server, String host, int port, String user, String password, Path dataDir, Map<String, String> config) {
        this.server = server;
        this.config = config;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.dataDir = dataDir;
    }

    public static TestCluster start() throws IOException {
        return startInTempDir("DDB_TEST", "standin-test-");
    }

    public static TestCluster second() throws IOException {
        return startInTempDir("DDB_TEST2", "standin-test2-");
    }

    /** A stand-in on a new temporary directory, deleted when the cluster is closed. */
    private static TestCluster startInTempDir(String envPrefix, String dirPrefix) throws IOException {
        Path dir = Files.createTempDirectory(dirPrefix);
        TestCluster cluster = start(envPrefix, StandInServer.Options.of(dir));
        if (cluster.isStandIn()) cluster.ownsDataDir = true;
        else Files.delete(dir);
        return cluster;
    }

    public static TestCluster start(String envPrefix, StandInServer.Options options) throws IOException {
        String host = System.getenv(envPrefix + "_HOST");
        if (host != null && !host.isBlank()) {
            return new TestCluster(null, host, Integer.parseInt(System.getenv(envPrefix + "_PORT")),
                    env(envPrefix + "_USER", "admin"), env(envPrefix + "_PASSWORD", "123456"), null,
                    Map.of("enableHTTPS", env(envPrefix + "_SSL", "false")));
        }
        StandInServer s = StandInServer.start(options);
        return new TestCluster(s, "127.0.0.1", s.port(), options.user(), options.password(), options.dataDir(), options.config());
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public boolean isStandIn() {
        return server != null;
    }

    /** Stops and starts the stand-in on the same data directory and port (a restart). */
    public TestCluster restart() throws IOException {
        if (server == null) throw new IllegalStateException("cannot restart a real cluster from a test");
        server.close();
        StandInServer s = StandInServer.start(new StandInServer.Options(port, dataDir, user, password, config));
        TestCluster restarted = new TestCluster(s, host, s.port(), user, password, dataDir, config);
        // the directory now belongs to the restarted cluster
        restarted.ownsDataDir = ownsDataDir;
        ownsDataDir = false;
        return restarted;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Path dataDir() {
        return dataDir;
    }

    public StandInServer server() {
        return server;
    }

    /** Whether the cluster speaks TLS only (enableHTTPS=true): clients then connect with the API's useSSL. */
    public boolean tls() {
        return Boolean.parseBoolean(config.getOrDefault("enableHTTPS", "false"));
    }

    /** A new connection, logged in. */
    public DBConnection connect() throws IOException {
        DBConnection c = new DBConnection(false, tls(), false);
        if (!c.connect(host, port, user, password)) throw new IOException("could not connect to " + host + ":" + port);
        return c;
    }

    /** Runs a script through a connection of its own. */
    public Entity run(String script) throws IOException {
        DBConnection c = connect();
        try {
            return c.run(script);
        } finally {
            c.close();
        }
    }

    /** The rows of a DFS table. */
    public long count(String db, String table) throws Exception {
        return ((Scalar) run("exec count(*) from loadTable('" + db + "', '" + table + "')")).getNumber().longValue();
    }

    /** A database name no other test in this JVM uses (tests of one class may share a cluster). */
    public static String uniqueDb(String prefix) {
        return "dfs://" + prefix + "_" + ProcessHandle.current().pid() + "_" + DB_COUNTER.incrementAndGet();
    }

    @Override
    public void close() {
        if (server != null) server.close();
        if (ownsDataDir) {
            ownsDataDir = false;
            try {
                io.ddbsync.standin.dfs.Storage.deleteTree(dataDir);
            } catch (IOException e) {
                // a leftover temporary directory is no reason to fail a test
            }
        }
    }
}
