package io.ddbsync.sync.online;

import io.ddbsync.app.SyncApplication;
import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What an operator sees from {@code --once} when the input is wrong, from the application in a JVM
 * of its own with the shipped routes and configuration: each error names the thing, and the
 * target is untouched.
 */
class OnceErrorsTest {

    @Test
    void anUnknownJobIsRefusedAtOnceWithTheListOfJobs(@TempDir Path work) throws Exception {
        // nothing listens on these ports: naming the jobs needs no cluster (the passwords stand for the
        // DDB_*_PASSWORD variables the shipped configuration reads: without them the start stops first)
        Path config = RunnerProcess.configuration(work, "application", List.of(
                "dolphindb.clusters.source.sites = 127.0.0.1:1", "dolphindb.clusters.target.sites = 127.0.0.1:2",
                "dolphindb.clusters.source.password = unused", "dolphindb.clusters.target.password = unused",
                "ddbsync.stateDir = " + work.resolve("state"), "camel.management.enabled = false"));
        String out = ended(RunnerProcess.start(work, config, "--once", "no-such-job"), SyncApplication.EXIT_UNKNOWN_JOB);
        assertTrue(out.contains("No job named 'no-such-job': the jobs are db1-offline, db1-offline-sftp, db1-offline-shared, db1-online"), out);
        assertFalse(out.contains("No consumers available"), out);
    }

    @Test
    void settingsOfAMisspeltClusterStopTheStartAndAFailedRunSaysWhereWithoutCamelsExchangeIds(@TempDir Path work) throws Exception {
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second()) {
            String db = OnlineSyncTestSupport.createTicks(src, 2, 100);
            List<String> settings = List.of(
                    "dolphindb.clusters.source.sites = " + src.host() + ":" + src.port(),
                    "dolphindb.clusters.source.password = " + src.password(),
                    "dolphindb.clusters.target.sites = " + dst.host() + ":" + dst.port(),
                    "dolphindb.clusters.target.password = " + dst.password(),
                    "ddbsync.stateDir = " + work.resolve("state"),
                    "camel.management.enabled = false",
                    "jobs.db1.database = " + db,
                    "jobs.db1.targetDatabase = " + db,
                    "jobs.db1.window = all");

            // "tgt" for "target": the timeout would have been ignored without a word
            Path misspelt = RunnerProcess.configuration(work, "misspelt", concat(settings, "dolphindb.clusters.tgt.readTimeout = 5000"));
            String out = ended(RunnerProcess.start(work, misspelt, "--once", "db1-online"), 1);
            assertTrue(out.contains("Cluster 'tgt' has settings [dolphindb.clusters.tgt.readTimeout] but no dolphindb.clusters.tgt.sites:"
                    + " a misspelt cluster name? The clusters configured are [source, target]"), out);
            assertFalse(OnlineSyncTestSupport.exists(dst, db), "the target is untouched");

            // a source table that is not there: the report names the cluster, the operation and the database
            Path missing = RunnerProcess.configuration(work, "missing", concat(settings, "jobs.db1.table = nosuchtable"));
            String run = ended(RunnerProcess.start(work, missing, "--once", "db1-online"), 1);
            String failed = run.lines().filter(l -> l.contains(" FAILED: ")).findFirst().orElseThrow(() -> new AssertionError(run));
            assertTrue(failed.contains("FAILED: dolphindb:source operation schema failed, database=" + db + ", table=nosuchtable: "), failed);
            assertFalse(run.contains("Exchange["), run);
            assertFalse(failed.contains(".."), failed);
            assertFalse(OnlineSyncTestSupport.exists(dst, db), "the target is untouched");
        }
    }

    private static List<String> concat(List<String> lines, String line) {
        return java.util.stream.Stream.concat(lines.stream(), java.util.stream.Stream.of(line)).toList();
    }

    /** Waits for the runner to end with that exit code; its output. */
    private static String ended(RunnerProcess runner, int exitCode) throws Exception {
        try (runner) {
            assertTrue(runner.process().waitFor(120, TimeUnit.SECONDS), "the runner ended:\n" + runner.output());
            Thread.sleep(200);
            assertEquals(exitCode, runner.process().exitValue(), runner.output());
            return runner.output();
        }
    }
}
