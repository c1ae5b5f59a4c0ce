package io.ddbsync.camel;

import io.ddbsync.standin.StandInServer;
import io.ddbsync.standin.TestCluster;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two clusters for component tests, "src" and "dst", configured the way users do it: in
 * properties (dolphindb.clusters.<name>.sites/user/password). The stand-ins start once per test
 * class; each test makes its own databases (see {@link #uniqueDb}).
 */
abstract class DolphinDBTestSupport extends CamelTestSupport {
    static final String SECRET = "s3cr3t-Pw!";
    private static final AtomicInteger DB_COUNTER = new AtomicInteger();

    static TestCluster src;
    static TestCluster dst;
    // deleted after @AfterAll has stopped the stand-ins
    @TempDir
    static Path srcData;
    @TempDir
    static Path dstData;

    @BeforeAll
    static void startClusters() throws Exception {
        // a password of our own, so tests can check that it never shows up anywhere
        src = TestCluster.start("DDB_TEST", StandInServer.Options.of(srcData).withUser("admin", SECRET));
        dst = TestCluster.start("DDB_TEST2", StandInServer.Options.of(dstData).withUser("admin", SECRET));
    }

    @AfterAll
    static void stopClusters() {
        if (src != null) src.close();
        if (dst != null) dst.close();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.put("dolphindb.clusters.src.sites", src.host() + ":" + src.port());
        p.put("dolphindb.clusters.src.user", src.user());
        p.put("dolphindb.clusters.src.password", src.password());
        p.put("dolphindb.clusters.src.poolSize", "3");
        // tests restart servers without waiting: check every idle connection before reuse
        p.put("dolphindb.clusters.src.validateAfterIdle", "0");
        p.put("dolphindb.clusters.dst.sites", dst.host() + ":" + dst.port());
        p.put("dolphindb.clusters.dst.user", dst.user());
        p.put("dolphindb.clusters.dst.password", dst.password());
        return p;
    }

    /**
     * The tutorial's table: VALUE partitions by day on a TIMESTAMP column, 10 rows a day for
     * {@code days} days from 2024.01.01.
     */
    static String createTradesTable(TestCluster cluster, int days) throws Exception {
        String db = TestCluster.uniqueDb("trades");
        cluster.run("db = database('" + db + "', VALUE, 2024.01.01.." + "2024.01.10)\n"
                + "t = table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE])\n"
                + "db.createPartitionedTable(t, `mt, `Timestamp)\n"
                + "n = " + (days * 10) + "\n"
                + "data = table(2024.01.01T09:30:00.000 + (0..(n-1)) / 10 * 86400000 + (0..(n-1)) % 10 * 1000 as Timestamp, "
                + "take(`IBM`MSFT`AAPL, n) as sym, 1..n as qty, 0.1 * (1..n) as price)\n"
                + "loadTable('" + db + "', 'mt').append!(data)");
        return db;
    }

    /** A table `big` (id INT, sym SYMBOL, v DOUBLE) of {@code rows} rows on src, in two RANGE partitions' worth of ids. */
    static String createBigTable(int rows) throws Exception {
        String db = TestCluster.uniqueDb("big");
        src.run("db = database('" + db + "', RANGE, 0 100000 200000)\n"
                + "t = table(1:0, `id`sym`v, [INT, SYMBOL, DOUBLE])\n"
                + "db.createPartitionedTable(t, `big, `id)\n"
                + "loadTable('" + db + "', 'big').append!(table(0..(" + rows + "-1) as id, take(`A`B`C, " + rows + ") as sym, 0.5 * (0..(" + rows + "-1)) as v))");
        return db;
    }

    ConnectionPool pool(String cluster) {
        return context.getComponent("dolphindb", DolphinDBComponent.class).pool(cluster);
    }
}
