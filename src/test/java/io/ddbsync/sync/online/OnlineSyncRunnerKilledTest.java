package io.ddbsync.sync.online;

import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The application, in a JVM of its own, runs the real db1-online job once (--once) with the shipped
 * config/application.properties and routes/, pointed at two stand-ins; it is killed with -9 once
 * the ledger shows some partitions verified. Run again, it copies only the others and the target
 * ends equal to the source, row by row.
 */
class OnlineSyncRunnerKilledTest {
    private static final int DAYS = 8;
    private static final int ROWS = 3_000;

    @Test
    void aRunnerKilledMidRunResumesWithTheVerifiedPartitionsSkipped(@TempDir Path work) throws Exception {
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second(); TcpProxy proxy = new TcpProxy(dst.host(), dst.port())) {
            // about half a second per partition on the way to the target, so the kill lands in the middle of the run
            proxy.throttle(300_000);
            String db = OnlineSyncTestSupport.createTicks(src, DAYS, ROWS);
            Path state = work.resolve("state");
            Path ledger = state.resolve("online-ledger.txt");
            Path config = RunnerProcess.configuration(work, "application", List.of(
                    "dolphindb.clusters.source.sites = " + src.host() + ":" + src.port(),
                    "dolphindb.clusters.source.password = " + src.password(),
                    "dolphindb.clusters.target.sites = 127.0.0.1:" + proxy.port(),
                    "dolphindb.clusters.target.password = " + dst.password(),
                    "ddbsync.stateDir = " + state,
                    "jobs.db1.database = " + db,
                    "jobs.db1.targetDatabase = " + db,
                    "jobs.db1.window = all",
                    "jobs.db1-online.parallel = 1",
                    "jobs.db1-online.fetchSize = 8192"));

            List<String> keysAtKill;
            try (RunnerProcess first = RunnerProcess.start(work, config, "--once", "db1-online")) {
                first.awaitLines(ledger, 2, 60);
                first.kill();
            }
            keysAtKill = RunnerProcess.lines(ledger);
            assertTrue(keysAtKill.size() >= 2 && keysAtKill.size() < DAYS, "killed in the middle of the run: " + keysAtKill);

            String out;
            try (RunnerProcess second = RunnerProcess.start(work, config, "--once", "db1-online")) {
                assertTrue(second.process().waitFor(120, TimeUnit.SECONDS), "the second run ended");
                out = second.output();
                assertEquals(0, second.process().exitValue(), out);
            }

            // exactly the partitions verified before the kill were skipped; the others were copied
            List<String> skipped = out.lines().filter(l -> l.contains("skipped: verified by an earlier run")).toList();
            assertEquals(keysAtKill.size(), skipped.size(), out);
            for (String key : keysAtKill) {
                String path = key.substring(key.lastIndexOf('|') + 1);
                assertTrue(skipped.stream().anyMatch(l -> l.contains(path + " skipped")), path + "\n" + out);
            }
            long copied = out.lines().filter(l -> l.contains(" verified [")).count();
            assertEquals(DAYS - keysAtKill.size(), copied, out);
            assertTrue(out.contains("OK, every partition verified"), out);
            assertEquals(List.of(), RunnerProcess.lines(ledger), "the verified run's keys left the ledger");
            assertEquals(DAYS * ROWS, src.count(db, "mt"));
            OnlineSyncTestSupport.assertSameRows(src, db, dst, db, "mt", "*", null);
        }
    }
}
