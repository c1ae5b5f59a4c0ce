package io.ddbsync.sync.online;

import com.xxdb.data.BasicTable;
import io.ddbsync.app.SyncApplication;
import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two runs of the real db1-online job at once, each runner in a JVM of its own with the shipped
 * routes and configuration and one state directory: one runs, the other is refused naming the
 * holder (host, pid) and writes nothing; a lock left by a runner killed with -9 is taken over by the
 * next run. The target is judged with this test's own per-partition queries on both clusters.
 */
class OneRunAtATimeTest {
    private static final int DAYS = 6;
    private static final int ROWS = 3_000;
    private static final Predicate<String> REFUSED = l -> l.contains("REFUSED: job db1-online is running on host ");
    private static final Predicate<String> VERIFIED = l -> l.contains("OK, every partition verified");

    @Test
    void twoOnceRunsAtTheSameTimeOneRunsTheOtherIsRefusedAndAKilledRunnersLockIsTakenOver(@TempDir Path work) throws Exception {
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second(); TcpProxy proxy = new TcpProxy(dst.host(), dst.port())) {
            // about a second per partition on the way to the target: the first run is still going when the second starts
            proxy.throttle(150_000);
            String db = OnlineSyncTestSupport.createTicks(src, DAYS, ROWS);
            Path state = work.resolve("state");
            Path config = RunnerProcess.configuration(work, "application", settings(src, "127.0.0.1:" + proxy.port(), dst, db, state));

            try (RunnerProcess a = RunnerProcess.start(work, config, "--once", "db1-online");
                 RunnerProcess b = RunnerProcess.start(work, config, "--once", "db1-online")) {
                assertTrue(a.process().waitFor(180, TimeUnit.SECONDS), "the first runner ended");
                assertTrue(b.process().waitFor(180, TimeUnit.SECONDS), "the second runner ended");
                RunnerProcess ran = a.process().exitValue() == 0 ? a : b;
                RunnerProcess refused = ran == a ? b : a;
                assertEquals(0, ran.process().exitValue(), ran.output());
                assertTrue(ran.output().contains("OK, every partition verified"), ran.output());
                assertEquals(SyncApplication.EXIT_REFUSED, refused.process().exitValue(), refused.output());
                String line = refused.lines(REFUSED).stream().findFirst().orElseThrow(() -> new AssertionError(refused.output()));
                assertTrue(line.contains(" pid " + ran.process().pid() + " since "), line);
                assertFalse(refused.output().contains(" started ("), "the refused runner started no run:\n" + refused.output());
            }
            assertSamePartitions(src, dst, db);
            OnlineSyncTestSupport.assertSameRows(src, db, dst, db, "mt", "*", null);

            // a runner killed with -9 in the middle of a run leaves its lock file naming it: the next run takes the lock over
            dst.run("dropDatabase('" + db + "')");
            Path ledger = state.resolve("online-ledger.txt");
            long killedPid;
            try (RunnerProcess killed = RunnerProcess.start(work, config, "--once", "db1-online")) {
                killed.awaitLines(ledger, 2, 120);
                killed.kill();
                killedPid = killed.process().pid();
            }
            assertTrue(Files.readString(state.resolve("locks/db1-online.lock")).contains("pid=" + killedPid), "the dead runner's lock file is left");
            try (RunnerProcess next = RunnerProcess.start(work, config, "--once", "db1-online")) {
                assertTrue(next.process().waitFor(180, TimeUnit.SECONDS), "the next runner ended");
                assertEquals(0, next.process().exitValue(), next.output());
                assertTrue(next.output().contains("OK, every partition verified"), next.output());
            }
            assertSamePartitions(src, dst, db);
            OnlineSyncTestSupport.assertSameRows(src, db, dst, db, "mt", "*", null);
        }
    }

    @Test
    void twoScheduledRunnersSharingAStateDirectoryWithoutHaRunTheJobOneAtATime(@TempDir Path work) throws Exception {
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second(); TcpProxy proxy = new TcpProxy(dst.host(), dst.port())) {
            proxy.throttle(150_000);
            String db = OnlineSyncTestSupport.createTicks(src, DAYS, ROWS);
            List<String> lines = new ArrayList<>(settings(src, "127.0.0.1:" + proxy.port(), dst, db, work.resolve("state-shared")));
            // both runners fire at the same seconds; a run takes several seconds, the next fire is 20 s later
            lines.addAll(List.of("jobs.db1-online.enabled = true", "jobs.db1-online.cron = 0/20 * * * * ?",
                    "camel.management.enabled = false"));
            Path config = RunnerProcess.configuration(work, "application", lines);

            try (RunnerProcess a = RunnerProcess.start(work, config); RunnerProcess b = RunnerProcess.start(work, config)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
                while (!(oneRanTheOtherRefused(a, b) || oneRanTheOtherRefused(b, a))) {
                    assertTrue(a.process().isAlive() && b.process().isAlive(), "a runner ended:\n" + a.output() + "\n----\n" + b.output());
                    assertTrue(System.nanoTime() < deadline, "no round where one ran and the other was refused:\n" + a.output() + "\n----\n" + b.output());
                    Thread.sleep(50);
                }
                RunnerProcess ran = oneRanTheOtherRefused(a, b) ? a : b;
                RunnerProcess refused = ran == a ? b : a;
                a.kill();
                b.kill();
                String line = refused.lines(REFUSED).get(0);
                assertTrue(line.contains(" pid " + ran.process().pid() + " since "), line);
                // a refused fire is one line, not Camel's error dump
                assertFalse(refused.output().contains("Failed delivery") || refused.output().contains("Exchange["), refused.output());
            }
            assertSamePartitions(src, dst, db);
            OnlineSyncTestSupport.assertSameRows(src, db, dst, db, "mt", "*", null);
        }
    }

    /** One runner's run verified while the other's run of the same round was refused naming it. */
    private static boolean oneRanTheOtherRefused(RunnerProcess ran, RunnerProcess refused) {
        return !ran.lines(VERIFIED).isEmpty() && refused.lines(REFUSED).stream().anyMatch(l -> l.contains(" pid " + ran.process().pid() + " "));
    }

    /** Per partition (day): rows, and sums of the id and qty columns, equal on both clusters. */
    private static void assertSamePartitions(TestCluster src, TestCluster dst, String db) throws Exception {
        List<String> source = perDay(src, db);
        assertEquals(DAYS, source.size(), source.toString());
        assertEquals(source, perDay(dst, db), "per partition rows and sums, source then target");
    }

    private static List<String> perDay(TestCluster cluster, String db) throws Exception {
        BasicTable t = (BasicTable) cluster.run("select count(*) as n, sum(id) as ids, sum(qty) as qtys from loadTable('" + db
                + "', 'mt') group by date(Timestamp) as day order by day");
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < t.columns(); c++) row.append(t.getColumnName(c)).append('=').append(t.getColumn(c).get(r).getString()).append(' ');
            rows.add(row.toString().trim());
        }
        return rows;
    }

    private static List<String> settings(TestCluster src, String targetSites, TestCluster dst, String db, Path state) {
        return List.of(
                "dolphindb.clusters.source.sites = " + src.host() + ":" + src.port(),
                "dolphindb.clusters.source.password = " + src.password(),
                "dolphindb.clusters.target.sites = " + targetSites,
                "dolphindb.clusters.target.password = " + dst.password(),
                "ddbsync.stateDir = " + state,
                "jobs.db1.database = " + db,
                "jobs.db1.targetDatabase = " + db,
                "jobs.db1.window = all",
                "jobs.db1-offline.enabled = false",
                "jobs.db1-online.parallel = 1",
                "jobs.db1-online.fetchSize = 8192",
                // two runners on one machine: one management server port
                "camel.management.enabled = false");
    }
}
