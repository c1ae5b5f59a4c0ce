package io.ddbsync.sync.online;

import io.ddbsync.standin.TestCluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The set-up of the tests that run the real db1-online job in a runner of its own ({@link RunnerProcess})
 * and act on it mid-run: two stand-ins with the ticks table on the source
 * ({@link OnlineSyncTestSupport#createTicks}), the target reached through a proxy at about half a second
 * per partition (so the test acts in the middle of a run), and the shipped configuration with the db1
 * jobs on that table, one partition at a time, with the test's own lines after it.
 */
final class ThrottledClusters {
    /** Bytes per second on the way to the target: about half a second per partition of the ticks table. */
    private static final int TARGET_BYTES_PER_SECOND = 300_000;

    /** What a test does with the clusters, the ticks database on the source, the runner's configuration and its ledger file. */
    interface Scenario {
        void run(TestCluster src, TestCluster dst, String db, Path config, Path ledger) throws Exception;
    }

    private ThrottledClusters() {
    }

    /** Sets it all up in {@code work} with {@code days} days of {@code rows} rows each, runs the scenario, then stops the stand-ins. */
    static void run(Path work, int days, int rows, List<String> more, Scenario scenario) throws Exception {
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second(); TcpProxy proxy = new TcpProxy(dst.host(), dst.port())) {
            proxy.throttle(TARGET_BYTES_PER_SECOND);
            String db = OnlineSyncTestSupport.createTicks(src, days, rows);
            List<String> lines = new ArrayList<>(List.of(
                    "dolphindb.clusters.source.sites = " + src.host() + ":" + src.port(),
                    "dolphindb.clusters.source.password = " + src.password(),
                    "dolphindb.clusters.target.sites = 127.0.0.1:" + proxy.port(),
                    "dolphindb.clusters.target.password = " + dst.password(),
                    "ddbsync.stateDir = " + work.resolve("state"),
                    "jobs.db1.database = " + db,
                    "jobs.db1.targetDatabase = " + db,
                    "jobs.db1.window = all",
                    "jobs.db1-online.parallel = 1",
                    "jobs.db1-online.fetchSize = 8192"));
            lines.addAll(more);
            scenario.run(src, dst, db, RunnerProcess.configuration(work, "application", lines), work.resolve("state").resolve("online-ledger.txt"));
        }
    }
}
