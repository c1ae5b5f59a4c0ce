package io.ddbsync.sync.online;

import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    /** The job runs on both runners' schedules every second; each runner has its own state directory and id. */
    private static List<String> settings(Path work, String node, TestCluster src, TestCluster dst, String db) {
        List<String> lines = new ArrayList<>(List.of(
                "dolphindb.clusters.source.sites = " + src.host() + ":" + src.port(),
                "dolphindb.clusters.source.password = " + src.password(),
                "dolphindb.clusters.target.sites = " + dst.host() + ":" + dst.port(),
                "dolphindb.clusters.target.password = " + dst.password(),
                "ddbsync.stateDir = " + work.resolve("state-" + node),
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
