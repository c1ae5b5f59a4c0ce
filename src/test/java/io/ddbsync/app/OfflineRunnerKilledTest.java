package io.ddbsync.app;

import io.ddbsync.sync.online.RunnerProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ddbsync.app.OfflineTestTables.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The application, in a JVM of its own with the shipped configuration and routes, runs the
 * offline job db1-offline-shared once (--once) and is killed with -9 as a stage begins (its
 * progress line is printed): during the backup, the transfer, the check of the target host's
 * copy, the restore, the verification. What the servers were doing goes on without it (as a
 * DolphinDB backup or restore job does). Run again, it ends with exit 0 and the target equal to
 * the source, judged by the test's own per-partition queries on both clusters.
 */
class OfflineRunnerKilledTest extends TwoClustersTestSupport {
    private static final String JOB = "db1-offline-shared";
    private static final String SOURCE_DB = "dfs://killed";
    private static final int DAYS = 6;
    private static final int ROWS_PER_DAY = 60_000;

    @BeforeAll
    static void createTable() throws Exception {
        create(source, SOURCE_DB, DAYS, ROWS_PER_DAY);
    }

    /** The whole table (a copy-files backup kept between runs) killed at each stage; a window (a SQL backup that appends on restore) killed in its backup and its restore. */
    @ParameterizedTest(name = "window {1}, killed as the {0} stage begins")
    @CsvSource({"backup, all", "transfer, all", "check, all", "restore, all", "verify, all",
            "backup, 2024.01.02..2024.01.04", "restore, 2024.01.02..2024.01.04"})
    void aRunKilledAtAStageEndsEqualWhenRunAgain(String stage, String window, @TempDir Path work) throws Exception {
        // each kill point has its own backup, restore and state directories and target database: a whole first run to interrupt
        String targetDb = "dfs://killedAt" + stage + (window.equals("all") ? "" : "InWindow");
        Path config = RunnerProcess.configuration(work, "application", runnerSettings(source, target, work,
                "jobs.db1.database = " + SOURCE_DB,
                "jobs.db1.targetDatabase = " + targetDb,
                "jobs.db1.window = " + window,
                "jobs.db1.backupDir = " + work.resolve("backup"),
                "jobs.db1.sharedRestoreDir = " + work.resolve("restore")));

        String begun = "[" + JOB + "] " + stage + " ...";
        String killedAt;
        try (RunnerProcess first = RunnerProcess.start(work, config, "--once", JOB)) {
            first.await(line -> line.equals(begun), 1, 120, "the " + stage + " stage began");
            first.kill();
            List<String> progress = first.lines(line -> line.startsWith("[" + JOB + "]"));
            killedAt = progress.get(progress.size() - 1);
        }
        // the stages after this one (at least the verification's scans of both tables) take far longer than noticing the line
        assertFalse(killedAt.contains(" run ") && killedAt.contains(" ended"), "killed before the run ended, not after: " + killedAt);

        String out;
        try (RunnerProcess second = RunnerProcess.start(work, config, "--once", JOB)) {
            assertTrue(second.process().waitFor(180, TimeUnit.SECONDS), "the second run ended");
            out = second.output();
            assertEquals(0, second.process().exitValue(), "killed after: " + killedAt + "\n" + out);
        }
        assertTrue(out.contains("OK, every partition verified"), out);
        assertSame(source, SOURCE_DB, target, targetDb, window.equals("all") ? null
                : "Timestamp >= 2024.01.02T00:00:00.000, Timestamp < 2024.01.05T00:00:00.000");
        assertEquals((long) DAYS * ROWS_PER_DAY, source.count(SOURCE_DB, TABLE));
    }
}
