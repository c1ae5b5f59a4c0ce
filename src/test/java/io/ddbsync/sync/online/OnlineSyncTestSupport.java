package io.ddbsync.sync.online;

import com.xxdb.data.BasicTable;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.standin.dfs.Storage;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.Exchange;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Online sync end to end: the real template in routes/online-sync.yaml, instantiated per test with
 * its parameters, between two stand-ins configured as the clusters "source" and "target" the way
 * config/application.properties names them. Stand-ins start once per class; every test makes its
 * own databases and its own state directory (ledger).
 */
abstract class OnlineSyncTestSupport extends CamelTestSupport {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    static TestCluster src;
    static TestCluster dst;
    Path stateDir;
    /** Every test's state directory, deleted once the class's Camel contexts have all stopped. */
    private static final List<Path> STATE_DIRS = new ArrayList<>();

    @BeforeAll
    static void startClusters() throws Exception {
        src = TestCluster.start();
        dst = TestCluster.second();
    }

    @AfterAll
    static void stopClusters() {
        if (src != null) src.close();
        if (dst != null) dst.close();
        for (Path dir : STATE_DIRS) {
            try {
                Storage.deleteTree(dir);
            } catch (IOException e) {
                // a leftover temporary directory is no reason to fail a test
            }
        }
        STATE_DIRS.clear();
    }

    /** Where the target cluster is reached; a test may put a proxy in between. */
    String targetSites() {
        return dst.host() + ":" + dst.port();
    }

    /** Where the source cluster is reached; a test may put a proxy in between. */
    String sourceSites() {
        return src.host() + ":" + src.port();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        // called from CamelTestSupport's constructor, before JUnit could inject a @TempDir
        try {
            stateDir = Files.createTempDirectory("online-state-");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        STATE_DIRS.add(stateDir);
        Properties p = new Properties();
        cluster(p, "source", sourceSites(), src);
        cluster(p, "target", targetSites(), dst);
        // tests break connections on purpose: check an idle connection before it is reused
        p.put("dolphindb.clusters.source.validateAfterIdle", "0");
        p.put("dolphindb.clusters.target.validateAfterIdle", "0");
        p.put("ddbsync.stateDir", stateDir.toString());
        return p;
    }

    /** A cluster named {@code name} at {@code sites} (a proxy, say) with the login of {@code login}, pool of 6. */
    static void cluster(Properties p, String name, String sites, TestCluster login) {
        String base = "dolphindb.clusters." + name + ".";
        p.put(base + "sites", sites);
        p.put(base + "user", login.user());
        p.put(base + "password", login.password());
        p.put(base + "poolSize", "6");
    }

    @BeforeEach
    void loadTheRealTemplate() throws Exception {
        // the template and the shared beans it calls (syncRuns, the run's report and stages)
        for (String file : List.of("file:routes/beans.yaml", "file:routes/online-sync.yaml")) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, file));
        }
    }

    /** Adds a job from the template: the given parameters over a small-table default set. */
    String job(String database, Map<String, String> parameters) throws Exception {
        String jobId = "job" + COUNTER.incrementAndGet();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("jobId", jobId);
        p.put("sourceCluster", "source");
        p.put("targetCluster", "target");
        p.put("database", database);
        p.put("table", "mt");
        p.put("parallel", "2");
        p.put("fetchSize", "8192");
        p.putAll(parameters);
        TemplatedRouteBuilder b = TemplatedRouteBuilder.builder(context, "online-sync");
        p.forEach(b::parameter);
        b.add();
        return jobId;
    }

    /** Runs the job once, as its schedule or --once would, and returns its report. */
    RunReport run(String jobId) {
        return runExchange(jobId).getProperty(SyncProperties.REPORT, RunReport.class);
    }

    /**
     * Runs the job once; the exchange ends with the report in DdbSyncReport (and, for a dry run, the
     * plan in the body). A run that failed also ends with its failure, for whoever started it.
     */
    Exchange runExchange(String jobId) {
        Exchange done = template.request("direct:" + jobId + "-run", e -> { });
        RunReport report = done.getProperty(SyncProperties.REPORT, RunReport.class);
        assertNotNull(report, "no run report");
        if (report.error() == null) assertNull(done.getException(), () -> "a run without error ended with " + done.getException());
        else assertNotNull(done.getException(), "a failed run ended without its failure");
        return done;
    }

    /** What a test does as the route sends a message to an endpoint (on the sending thread, before it is sent). */
    interface SendWatcher {
        void sending(String endpointUri, Exchange exchange) throws Exception;
    }

    /**
     * Whether a send starts a partition's copy: its query of the source (the first append clears
     * the partition on the target in the same call). Its header CamelDolphinDBPartition names the partition.
     */
    static boolean startsCopy(String endpointUri) {
        return endpointUri.startsWith("dolphindb://source") && endpointUri.contains("operation=query");
    }

    /** Runs the job once, as {@link #run}, with {@code watcher} told of every message the route sends meanwhile. */
    RunReport runWatchingSends(String jobId, SendWatcher watcher) throws Exception {
        return runWatchingSends(jobId, watcher, (uri, exchange) -> { });
    }

    /** As {@link #runWatchingSends(String, SendWatcher)}, with {@code sent} told of every send that ended (on its thread, after it). */
    RunReport runWatchingSends(String jobId, SendWatcher watcher, SendWatcher sent) throws Exception {
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) throws Exception {
                if (event instanceof CamelEvent.ExchangeSendingEvent sending) {
                    watcher.sending(sending.getEndpoint().getEndpointUri(), sending.getExchange());
                } else if (event instanceof CamelEvent.ExchangeSentEvent done) {
                    sent.sending(done.getEndpoint().getEndpointUri(), done.getExchange());
                }
            }
        };
        notifier.start();
        context.getManagementStrategy().addEventNotifier(notifier);
        try {
            return run(jobId);
        } finally {
            context.getManagementStrategy().removeEventNotifier(notifier);
            notifier.stop();
        }
    }

    /** The keys in the default ledger file (none when the file does not exist). */
    List<String> ledgerKeys() throws Exception {
        Path file = stateDir.resolve("online-ledger.txt");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    static boolean exists(TestCluster cluster, String db) throws Exception {
        return Boolean.parseBoolean(cluster.run("existsDatabase('" + db + "')").getString());
    }

    /**
     * A tick table like the tutorial's mt: VALUE partitions by day on a TIMESTAMP column, days
     * 2024.01.01..2024.01.10 in the scheme, {@code rows} rows on each of the first {@code days} days,
     * with a unique id so rows can be compared one by one.
     */
    static String createTicks(TestCluster cluster, int days, int rows) throws Exception {
        String db = TestCluster.uniqueDb("ticks");
        cluster.run("database('" + db + "', VALUE, 2024.01.01..2024.01.10)");
        createTickTables(cluster, db, "mt");
        for (int d = 0; d < days; d++) appendDay(cluster, db, d, rows, (long) d * rows);
        return db;
    }

    /** Empty tick tables (the columns of mt, partitioned by day) in a database of createTicks' scheme. */
    static void createTickTables(TestCluster cluster, String db, String... tables) throws Exception {
        StringBuilder script = new StringBuilder("db = database('" + db + "')\n"
                + "t = table(1:0, `Timestamp`sym`id`qty`price`note, [TIMESTAMP, SYMBOL, LONG, INT, DOUBLE, STRING])\n");
        for (String table : tables) script.append("db.createPartitionedTable(t, `").append(table).append(", `Timestamp)\n");
        cluster.run(script.toString());
    }

    /** Appends {@code rows} rows to day 2024.01.01 + day, with ids from firstId. */
    static void appendDay(TestCluster cluster, String db, int day, int rows, long firstId) throws Exception {
        appendDay(cluster, db, "mt", day, rows, firstId);
    }

    /** As {@link #appendDay(TestCluster, String, int, int, long)}, to another tick table of the database. */
    static void appendDay(TestCluster cluster, String db, String table, int day, int rows, long firstId) throws Exception {
        cluster.run("n = " + rows + "\n"
                + "ids = " + firstId + " + long(0..(n-1))\n"
                + "data = table(2024.01.01T09:30:00.000 + " + day + " * 86400000 + (0..(n-1)) * 1000 as Timestamp, take(`IBM`MSFT`AAPL`GOOG, n) as sym,"
                + " ids as id, int(ids % 1000) as qty, 100.0 + (ids % 997) * 0.01 + 1.0 / (1 + ids) as price, 'n' + string(ids) as note)\n"
                + "loadTable('" + db + "', '" + table + "').append!(data)");
    }

    /** Every row of the source table equals the target's, compared one by one in id order. */
    static void assertSameRows(String srcDb, String dstDb, String dstTable) throws Exception {
        assertSameRows(srcDb, dstDb, dstTable, "*", null);
    }

    /**
     * The given columns of every source row (where {@code where} holds, if given) equal the
     * target's, row by row in id order; the target has no other rows.
     */
    static void assertSameRows(String srcDb, String dstDb, String dstTable, String columns, String where) throws Exception {
        assertSameRows(src, srcDb, dst, dstDb, dstTable, columns, where);
    }

    /** The same, between any two clusters. */
    static void assertSameRows(TestCluster from, String srcDb, TestCluster to, String dstDb, String dstTable, String columns, String where)
            throws Exception {
        String w = where == null ? "" : " where " + where;
        BasicTable a = (BasicTable) from.run("select " + columns + " from loadTable('" + srcDb + "', 'mt')" + w + " order by id");
        BasicTable b = (BasicTable) to.run("select " + columns + " from loadTable('" + dstDb + "', '" + dstTable + "') order by id");
        assertEquals(a.rows(), b.rows(), "rows on the source and the target");
        assertEquals(a.columns(), b.columns(), "columns");
        for (int c = 0; c < a.columns(); c++) {
            assertEquals(a.getColumnName(c), b.getColumnName(c));
            assertEquals(a.getColumn(c).getDataType(), b.getColumn(c).getDataType(), a.getColumnName(c));
            for (int r = 0; r < a.rows(); r++) {
                String x = a.getColumn(c).get(r).getString();
                String y = b.getColumn(c).get(r).getString();
                if (!x.equals(y)) fail("row " + r + " column " + a.getColumnName(c) + ": source " + x + ", target " + y);
            }
        }
    }

    /**
     * Per partition (day) of the ticks table, the test's own measure of both sides: row count, sums
     * of the numeric columns and of a hash of each other column, by day.
     */
    static Map<String, String> partitionSums(TestCluster cluster, String db, String table) throws Exception {
        BasicTable t = (BasicTable) cluster.run("select count(*) as n, sum(id) as ids, sum(qty) as qtys, sum(price) as prices,"
                + " sum(long(Timestamp)) as times, sum(hashBucket(sym, 1000003)) as syms, sum(hashBucket(note, 1000003)) as notes"
                + " from loadTable('" + db + "', '" + table + "') group by date(Timestamp) as day");
        Map<String, String> out = new java.util.TreeMap<>();
        for (int r = 0; r < t.rows(); r++) {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c < t.columns(); c++) row.append(t.getColumnName(c)).append('=').append(t.getColumn(c).get(r).getString()).append(' ');
            out.put(t.getColumn(0).get(r).getString(), row.toString().trim());
        }
        return out;
    }

    /** The target's ticks table holds, partition by partition, what the source's holds (partitionSums). */
    static void assertSamePartitions(String srcDb, String dstDb) throws Exception {
        assertEquals(partitionSums(src, srcDb, "mt"), partitionSums(dst, dstDb, "mt"), "per partition: rows and column sums, source and target");
    }

    static RunReport.PartitionResult partition(RunReport report, String path) {
        return report.partitions().stream().filter(p -> p.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no partition " + path + " in the report:\n" + report.render()));
    }

    /** The all-types table with n rows on the source, and no such database on the target. */
    static void allTypesOnTheSourceOnly(int n) throws Exception {
        com.xxdb.DBConnection c = src.connect();
        try {
            io.ddbsync.standin.backup.AllTypesTable.create(c, n);
        } finally {
            c.close();
        }
        dst.run("if (existsDatabase('" + io.ddbsync.standin.backup.AllTypesTable.DB + "')) dropDatabase('" + io.ddbsync.standin.backup.AllTypesTable.DB + "')");
    }

    /** Every row of the all-types table as text, sorted (it has no key column). */
    static List<String> rowTexts(TestCluster cluster) throws Exception {
        BasicTable t = (BasicTable) cluster.run("select * from loadTable('" + io.ddbsync.standin.backup.AllTypesTable.DB + "', 'pt')");
        List<String> rows = new java.util.ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < t.columns(); c++) row.append(t.getColumn(c).get(r).getString()).append('|');
            rows.add(row.toString());
        }
        java.util.Collections.sort(rows);
        return rows;
    }

    static Map<String, String> params(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put(keyValues[i], keyValues[i + 1]);
        return m;
    }
}
