package io.ddbsync.standin;

import com.xxdb.BasicDBTask;
import com.xxdb.DBConnection;
import com.xxdb.DBTask;
import com.xxdb.ExclusiveDBConnectionPool;
import com.xxdb.SimpleDBConnectionPool;
import com.xxdb.SimpleDBConnectionPoolConfig;
import com.xxdb.data.*;
import com.xxdb.data.Vector;
import com.xxdb.io.ProgressListener;
import com.xxdb.multithreadedtablewriter.MultithreadedTableWriter;
import com.xxdb.route.PartitionedTableAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.*;
import java.util.concurrent.*;

import static org.junit.jupiter.api.Assertions.*;

/** The unmodified official Java client, with its default settings and its helpers, against the stand-in. */
class ClientCompatibilityTest {
    static TestCluster cluster;

    @BeforeAll
    static void start() throws IOException {
        cluster = TestCluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void loginThroughRsaAndScriptFunctionVariableRequests() throws Exception {
        DBConnection c = cluster.connect();
        assertEquals("admin", ((BasicAnyVector) c.run("getCurrentSessionAndUser()")).getEntity(1).getString());
        assertEquals(2, ((BasicInt) c.run("1+1")).getInt());
        assertEquals(3, ((BasicInt) c.run("add", List.of(new BasicInt(1), new BasicInt(2)))).getInt());
        c.upload(Map.of("x", new BasicIntVector(new int[]{4, 5, 6})));
        assertEquals(15L, ((BasicLong) c.run("sum(x)")).getLong());
        assertEquals(true, ((BasicBoolean) c.run("isNodeInitialized()")).getBoolean());
        assertTrue(c.run("version()").getString().startsWith("3.00"));
        c.close();
    }

    @Test
    void plainTwoArgumentLoginAndWrongPassword() throws Exception {
        DBConnection c = new DBConnection();
        assertTrue(c.connect(cluster.host(), cluster.port()));
        c.run("login('admin', '123456')");
        assertEquals("admin", ((BasicAnyVector) c.run("getCurrentSessionAndUser()")).getEntity(1).getString());
        IOException e = assertThrows(IOException.class, () -> c.run("login('admin', 'wrong')"));
        assertTrue(e.getMessage().contains("The user name or password is incorrect"), e.getMessage());
        c.close();

        DBConnection bad = new DBConnection();
        IOException refused = assertThrows(IOException.class, () -> bad.connect(cluster.host(), cluster.port(), "admin", "nope"));
        assertTrue(refused.getMessage().contains("The user name or password is incorrect"), refused.getMessage());
    }

    @Test
    void eachConnectionIsItsOwnSession() throws Exception {
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                results.add(pool.submit(() -> {
                    DBConnection c = cluster.connect();
                    c.run("v = " + id);
                    for (int k = 0; k < 20; k++) c.run("v = v + 1");
                    int v = ((BasicInt) c.run("v")).getInt();
                    c.close();
                    return v;
                }));
            }
            for (int i = 0; i < n; i++) assertEquals(i + 20, results.get(i).get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void errorRepliesKeepTheConnectionUsable() throws Exception {
        DBConnection c = cluster.connect();
        IOException syntax = assertThrows(IOException.class, () -> c.run("1 +* 2"));
        assertTrue(syntax.getMessage().contains("Server response: Syntax Error"), syntax.getMessage());
        IOException unknown = assertThrows(IOException.class, () -> c.run("nosuchfn", List.of(new BasicInt(1))));
        assertTrue(unknown.getMessage().contains("function: nosuchfn"), unknown.getMessage());
        assertEquals(7, ((BasicInt) c.run("3+4")).getInt());
        c.close();
    }

    @Test
    void fetchSizeStreamsBlocks() throws Exception {
        DBConnection c = cluster.connect();
        c.run("t = table(1..20000 as id, take(`a`b`c, 20000) as s)");
        EntityBlockReader reader = (EntityBlockReader) c.run("select * from t", (ProgressListener) null, 4, 2, 8192);
        List<Integer> sizes = new ArrayList<>();
        long sum = 0;
        while (reader.hasNext()) {
            BasicTable block = (BasicTable) reader.read();
            sizes.add(block.rows());
            for (int i = 0; i < block.rows(); i++) sum += ((BasicIntVector) block.getColumn("id")).getInt(i);
        }
        assertEquals(List.of(8192, 8192, 3616), sizes);
        assertEquals(20000L * 20001 / 2, sum);
        assertEquals(2, ((BasicInt) c.run("1+1")).getInt(), "the connection is in sync after the stream");
        c.close();
    }

    @Test
    void compressedTableArgumentsAreDecoded() throws Exception {
        DBConnection c = new DBConnection(false, false, true);
        assertTrue(c.connect(cluster.host(), cluster.port(), cluster.user(), cluster.password()));
        int n = 5000;
        int[] ids = new int[n];
        double[] px = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            px[i] = i * 0.5;
        }
        BasicTable t = new BasicTable(List.of("id", "px"), List.of(new BasicIntVector(ids), new BasicDoubleVector(px)));
        c.run("mem = table(1:0, `id`px, [INT, DOUBLE])");
        BasicInt inserted = (BasicInt) c.run("tableInsert{mem}", List.of(t));
        assertEquals(n, inserted.getInt());
        assertEquals(n * (n - 1) / 2 * 0.5, ((BasicDouble) c.run("sum(mem.px)")).getDouble(), 1e-6);
        c.close();
    }

    @Test
    void asyncModeGetsNoReplies() throws Exception {
        DBConnection async = new DBConnection(true);
        assertTrue(async.connect(cluster.host(), cluster.port(), cluster.user(), cluster.password()));
        assertNull(async.run("share_probe = 1"));
        async.close();
    }

    @Test
    void clearSessionMemoryDropsVariables() throws Exception {
        DBConnection c = cluster.connect();
        c.run("kept = 1");
        c.run("1+1", (ProgressListener) null, 4, 64, 0, true);
        IOException gone = assertThrows(IOException.class, () -> c.run("kept"));
        assertTrue(gone.getMessage().contains("Cannot recognize the token kept"), gone.getMessage());
        c.close();
    }

    @Test
    void reconnectModeSurvivesAServerRestart() throws Exception {
        try (TestCluster own = TestCluster.start()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(own.isStandIn(), "restarts the server");
            DBConnection c = new DBConnection();
            assertTrue(c.connect(own.host(), own.port(), own.user(), own.password(), null, false, null, true));
            assertEquals(2, ((BasicInt) c.run("1+1")).getInt());
            try (TestCluster restarted = own.restart()) {
                assertEquals(42, ((BasicInt) c.run("40+2")).getInt());
                c.close();
            }
        }
    }

    @Test
    void highAvailabilityConnect() throws Exception {
        DBConnection c = new DBConnection();
        String site = cluster.host() + ":" + cluster.port();
        assertTrue(c.connect(cluster.host(), cluster.port(), cluster.user(), cluster.password(), null, true, new String[]{site}));
        assertEquals(5, ((BasicInt) c.run("2+3")).getInt());
        c.close();
    }

    private static void createTrades(DBConnection c, String db) throws IOException {
        c.run("if (existsDatabase('" + db + "')) dropDatabase('" + db + "')\n"
                + "d = database('" + db + "', HASH, [INT, 4])\n"
                + "t = table(1:0, `id`sym`price, [INT, SYMBOL, DOUBLE])\n"
                + "d.createPartitionedTable(t, `pt, `id)");
    }

    @Test
    void partitionedTableAppenderThroughExclusivePool() throws Exception {
        DBConnection c = cluster.connect();
        createTrades(c, "dfs://appender");
        ExclusiveDBConnectionPool pool = new ExclusiveDBConnectionPool(cluster.host(), cluster.port(), cluster.user(), cluster.password(), 3, false, false);
        try {
            PartitionedTableAppender appender = new PartitionedTableAppender("dfs://appender", "pt", "id", pool);
            int n = 1000;
            int[] id = new int[n];
            String[] sym = new String[n];
            double[] px = new double[n];
            for (int i = 0; i < n; i++) {
                id[i] = i;
                sym[i] = "S" + (i % 7);
                px[i] = i;
            }
            int written = appender.append(new BasicTable(List.of("id", "sym", "price"),
                    List.of(new BasicIntVector(id), new BasicSymbolVector(Arrays.asList(sym)), new BasicDoubleVector(px))));
            assertEquals(n, written);
            assertEquals(n, ((Scalar) c.run("exec count(*) from loadTable('dfs://appender', 'pt')")).getNumber().intValue());
            BasicTable parts = (BasicTable) c.run("getTabletsMeta('/appender/%', `pt, true, -1)");
            assertEquals(4, parts.rows());
            assertTrue(parts.getColumn("dfsPath").getString(0).startsWith("/appender/Key"));

            List<DBTask> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) tasks.add(new BasicDBTask("exec count(*) from loadTable('dfs://appender', 'pt')"));
            pool.execute(tasks);
            pool.waitForThreadCompletion();
            for (DBTask t : tasks) assertEquals(n, ((Scalar) t.getResult()).getNumber().intValue());
        } finally {
            pool.shutdown();
            c.close();
        }
    }

    @Test
    void multithreadedTableWriter() throws Exception {
        DBConnection c = cluster.connect();
        createTrades(c, "dfs://mtw");
        MultithreadedTableWriter writer = new MultithreadedTableWriter(cluster.host(), cluster.port(), cluster.user(), cluster.password(),
                "dfs://mtw", "pt", false, false, null, 100, 0.01f, 2, "id");
        for (int i = 0; i < 500; i++) {
            assertFalse(writer.insert(i, "S" + (i % 3), i * 1.0).hasError());
        }
        writer.waitForThreadCompletion();
        assertFalse(writer.getStatus().hasError(), writer.getStatus().toString());
        assertEquals(500, ((Scalar) c.run("exec count(*) from loadTable('dfs://mtw', 'pt')")).getNumber().intValue());
        assertEquals(124750.0, ((Scalar) c.run("exec sum(price) from loadTable('dfs://mtw', 'pt')")).getNumber().doubleValue(), 1e-9);
        c.close();
    }

    @Test
    void simpleConnectionPool() throws Exception {
        SimpleDBConnectionPoolConfig config = new SimpleDBConnectionPoolConfig();
        config.setHostName(cluster.host());
        config.setPort(cluster.port());
        config.setUserId(cluster.user());
        config.setPassword(cluster.password());
        config.setInitialPoolSize(2);
        SimpleDBConnectionPool pool = new SimpleDBConnectionPool(config);
        try {
            for (int i = 0; i < 5; i++) {
                DBConnection c = pool.getConnection();
                assertEquals(i * 2, ((BasicInt) c.run(i + "*2")).getInt());
                assertThrows(IOException.class, () -> c.run("nosuchvariable_xyz"));
                c.close();
            }
            assertEquals(2, pool.getTotalConnectionsCount());
            assertEquals(2, pool.getIdleConnectionsCount());
        } finally {
            pool.close();
        }
    }

    @Test
    void vectorsOfAllShapesComeBack() throws Exception {
        DBConnection c = cluster.connect();
        Vector v = (Vector) c.run("2024.01.01..2024.01.03");
        assertEquals(Entity.DATA_TYPE.DT_DATE, v.getDataType());
        assertEquals("2024.01.03", v.getString(2));
        BasicAnyVector tuple = (BasicAnyVector) c.run("(1, `a, 2.5)");
        assertEquals(3, tuple.rows());
        Entity dict = c.run("schema(table(1 2 as a, `x`y as b))");
        assertTrue(dict.isDictionary());
        c.close();
    }
}
