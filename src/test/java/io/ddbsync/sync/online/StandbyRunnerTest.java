package io.ddbsync.sync.online;

import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two runners of the application, each in a JVM of its own with the shipped routes and
 * configuration, share a lock directory (ddbsync.ha.lockDir): only the leader's schedule of the
 * real db1-online job fires (every second here); the standby runs nothing. Killed with -9, the
 * leader hands over: the standby takes the lock, runs the job on its schedule, and the target ends
 * equal to the source.
 */
class StandbyRunnerTest {
    private static final Predicate<String> RUN_STARTED = l -> l.startsWith("[db1-online] run ") && l.contains(" started ");
    private static final Predicate<String> RUN_VERIFIED = l -> l.contains("OK, every partition verified");

    @Test
    void onlyTheLeaderRunsTheScheduleAndTheStandbyTakesOverWhenItDies(@TempDir Path work) throws Exception {
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second()) {
            String db = OnlineSyncTestSupport.createTicks(src, 2, 500);
            Path a = RunnerProcess.configuration(work, "runner-a", settings(work, "a", src, dst, db));
            Path b = RunnerProcess.configuration(work, "runner-b", settings(work, "b", src, dst, db));

            try (RunnerProcess leader = RunnerProcess.start(work, a)) {
                leader.await(RUN_VERIFIED, 2, 60, "two verified runs on the first runner");
                try (RunnerProcess standby = RunnerProcess.start(work, b)) {
                    standby.await(l -> l.startsWith("Runner b runs the schedules only while it leads"), 1, 60, "the second runner configured");
                    int leaderRuns = leader.lines(RUN_STARTED).size();
                    // the standby is up, tries the lock every second and must not get it while the leader lives
                    leader.await(RUN_STARTED, leaderRuns + 5, 60, "five more runs on the leader");
                    assertEquals(List.of(), standby.lines(RUN_STARTED), "the standby ran the job while the leader lived");

                    leader.kill();
                    standby.await(RUN_VERIFIED, 1, 60, "a verified run on the standby after the leader died");
                }
            }
            OnlineSyncTestSupport.assertSameRows(src, db, dst, db, "mt", "*", null);
        }
    }

    @Test
    void aStandbyThatSharesTheLedgerResumesTheRunTheLeaderDiedIn(@TempDir Path work) throws Exception {
        int days = 6;
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second(); TcpProxy proxy = new TcpProxy(dst.host(), dst.port())) {
            // about half a second per partition on the way to the target, so the kill lands in the middle of a run
            proxy.throttle(300_000);
            String db = OnlineSyncTestSupport.createTicks(src, days, 3_000);
            // one state directory for both runners (a shared filesystem): the ledger and the stats cache
            Path shared = work.resolve("state-shared");
            Path ledger = shared.resolve("online-ledger.txt");
            String target = "127.0.0.1:" + proxy.port();
            Path a = RunnerProcess.configuration(work, "runner-a", settings(work, "a", src, target, dst.password(), db, shared));
            Path b = RunnerProcess.configuration(work, "runner-b", settings(work, "b", src, target, dst.password(), db, shared));

            try (RunnerProcess leader = RunnerProcess.start(work, a)) {
                // the first runner leads before the second starts
                leader.await(RUN_STARTED, 1, 60, "a run on the first runner");
                try (RunnerProcess standby = RunnerProcess.start(work, b)) {
                    standby.await(l -> l.startsWith("Runner b runs the schedules only while it leads"), 1, 60, "the second runner configured");
                    leader.awaitLines(ledger, 2, 90);
                    leader.kill();
                    List<String> keysAtKill = RunnerProcess.lines(ledger);
                    assertTrue(keysAtKill.size() >= 2 && keysAtKill.size() < days, "killed in the middle of a run: " + keysAtKill);
                    assertEquals(List.of(), standby.lines(RUN_STARTED), "the standby ran the job while the leader lived");

                    standby.await(RUN_VERIFIED, 1, 90, "a verified run on the standby after the leader died");
                    // its first run skipped exactly the partitions the leader had verified
                    String firstRun = standby.output().substring(0, standby.output().indexOf("OK, every partition verified"));
                    List<String> skipped = firstRun.lines().filter(l -> l.contains("skipped: verified by an earlier run")).toList();
                    assertEquals(keysAtKill.size(), skipped.size(), firstRun);
                    for (String key : keysAtKill) {
                        // job|target table|window|partition|source version|target version
                        String path = key.split("\\|")[3];
                        assertTrue(skipped.stream().anyMatch(l -> l.contains(path + " skipped")), path + "\n" + firstRun);
                    }
                }
            }
            OnlineSyncTestSupport.assertSameRows(src, db, dst, db, "mt", "*", null);
        }
    }

    /** The job runs on both runners' schedules every second; each runner has its own state directory and id. */
    private static List<String> settings(Path work, String node, TestCluster src, TestCluster dst, String db) {
        return settings(work, node, src, dst.host() + ":" + dst.port(), dst.password(), db, work.resolve("state-" + node));
    }

    private static List<String> settings(Path work, String node, TestCluster src, String targetSites, String targetPassword, String db, Path stateDir) {
        List<String> lines = new ArrayList<>(List.of(
                "dolphindb.clusters.source.sites = " + src.host() + ":" + src.port(),
                "dolphindb.clusters.source.password = " + src.password(),
                "dolphindb.clusters.target.sites = " + targetSites,
                "dolphindb.clusters.target.password = " + targetPassword,
                "ddbsync.stateDir = " + stateDir,
                "jobs.db1.database = " + db,
                "jobs.db1.targetDatabase = " + db,
                "jobs.db1.window = all",
                "jobs.db1-offline.enabled = false",
                "jobs.db1-online.enabled = true",
                "jobs.db1-online.cron = 0/1 * * * * ?",
                "jobs.db1-online.parallel = 1",
                "jobs.db1-online.fetchSize = 8192",
                // two runners on one machine: no management server (its port)
                "camel.management.enabled = false",
                "ddbsync.ha.lockDir = " + work.resolve("locks"),
                "ddbsync.ha.nodeId = " + node,
                "ddbsync.ha.acquireLockInterval = 1"));
        return lines;
    }
}
