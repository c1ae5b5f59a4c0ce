package io.ddbsync.app;

import io.ddbsync.sync.online.RunnerProcess;
import io.ddbsync.sync.transfer.BackupTree;
import io.ddbsync.sync.transfer.EmbeddedSftpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.ddbsync.app.OfflineTestTables.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The shipped db1-offline-sftp job through the SFTP leg to Apache MINA SSHD on loopback, run after run
 * on a copy-files backup kept between runs (the runner in this JVM, and in a JVM of its own to be killed):
 * what it uploads is counted by the SFTP server, and the outcome judged by the test's own
 * per-partition queries on both clusters and by comparing the target host's files with the backup's.
 * A run after nothing changed uploads no file of the backup; a partition changed at the source and a
 * file damaged on the target are sent, a stray file removed; a runner killed with -9 in the middle of
 * an upload, run again, ends equal.
 */
class OfflineSftpIncrementalTest extends TwoClustersTestSupport {
    private static final String JOB = "db1-offline-sftp";
    private static final String SOURCE_DB = "dfs://sftpIncremental";
    private static final String TARGET_DB = "dfs://sftpIncrementalCopy";

    @BeforeAll
    static void createTable() throws Exception {
        create(source, SOURCE_DB, 5, 40_000);
    }

    @Test
    void onlyWhatTheTargetDoesNotHoldIsUploadedAndAKilledRunEndsEqualWhenRunAgain(@TempDir Path work) throws Exception {
        try (EmbeddedSftpServer sftp = EmbeddedSftpServer.start(Files.createDirectories(work.resolve("sshd")), "s3cret",
                EmbeddedSftpServer.newRsaKeyPair().getPublic())) {
            java.util.Properties leg = new java.util.Properties();
            sftp.putSftpLegSettings(leg, work);
            List<String> lines = new java.util.ArrayList<>(runnerSettings(source, target, work,
                    "jobs.db1.database = " + SOURCE_DB,
                    "jobs.db1.targetDatabase = " + TARGET_DB,
                    "jobs.db1.window = all",
                    "jobs.db1.backupDir = " + work.resolve("backup"),
                    "jobs.db1.restoreDir = " + work.resolve("target-host")));
            leg.stringPropertyNames().forEach(k -> lines.add(k + " = " + leg.getProperty(k)));
            Path config = RunnerProcess.configuration(work, "application", lines);
            Path backup = filesBackup(work.resolve("backup"), JOB);
            Path restore = work.resolve("target-host").resolve(JOB).resolve("files");

            java.util.Properties settings = properties(lines);
            try (SyncRunner runner = SyncRunner.start(settings)) {
                runner.runSucceeding(JOB);
                assertEqualEverywhere(backup, restore);
                int files = BackupTree.files(backup).size();
                assertEquals(files + 1, sftp.takeUploads().size(), "the first run uploads every file and the manifest twice (staged, then under its name)");

                runner.runSucceeding(JOB);
                assertEqualEverywhere(backup, restore);
                assertEquals(List.of("MANIFEST.sha256", "MANIFEST.sha256.next"), uploaded(sftp, restore), "a run after nothing changed uploads the manifest alone");

                addRows(source, SOURCE_DB, "2024.01.03", 500);
                Path damaged = dataFileOf(target, restore, SOURCE_DB, "20240105");
                flipBytes(damaged);
                Path stray = Files.writeString(damaged.resolveSibling("stray.col"), "not from the backup");
                runner.runSucceeding(JOB);
                assertEqualEverywhere(backup, restore);
                List<String> sent = uploaded(sftp, restore);
                assertTrue(sent.contains(restore.relativize(damaged).toString()), "the damaged file is replaced: " + sent);
                String changed = chunkOf(target, restore, "20240103");
                assertTrue(sent.stream().anyMatch(f -> f.contains(changed)), "the changed partition is sent: " + sent);
                String untouched = chunkOf(target, restore, "20240101");
                assertTrue(sent.stream().noneMatch(f -> f.contains(untouched)), "an unchanged partition is not: " + sent);
                assertFalse(Files.exists(stray), "the stray file is removed");
            }

            addRows(source, SOURCE_DB, "2024.01.04", 500);
            // the first upload to get past its first write is held there; the runner is killed while it waits
            sftp.holdWritesTo("(?!MANIFEST).*\\.part");
            try (RunnerProcess killed = RunnerProcess.start(work, config, "--once", JOB)) {
                assertTrue(sftp.awaitHeldWrite(180), "an upload began:\n" + killed.output());
                killed.kill();
            } finally {
                sftp.releaseHeldWrite();
            }
            assertFalse(Files.exists(restore.resolve("MANIFEST.sha256")), "the killed run left no manifest");
            assertTrue(BackupTree.files(restore).stream().anyMatch(f -> f.endsWith(".part")), "the killed run left a part of a file");

            try (SyncRunner runner = SyncRunner.start(settings)) {
                runner.runSucceeding(JOB);
            }
            assertEqualEverywhere(backup, restore);
        }
    }

    /** The runner's configuration lines ("key = value") as the in-process runner takes them. */
    private static java.util.Properties properties(List<String> lines) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("camel.management.enabled", "false");
        for (String line : lines) {
            int eq = line.indexOf(" = ");
            p.setProperty(line.substring(0, eq), line.substring(eq + 3));
        }
        return p;
    }

    /** The target cluster holds the source's rows, partition by partition, and the target host exactly the backup's files. */
    private static void assertEqualEverywhere(Path backup, Path restore) throws IOException {
        assertSame(source, SOURCE_DB, target, TARGET_DB);
        Map<String, byte[]> expected = BackupTree.contents(backup);
        Map<String, byte[]> actual = BackupTree.contents(restore);
        assertEquals(expected.keySet(), actual.keySet(), "the target host holds exactly the backup's files");
        for (String file : expected.keySet()) assertTrue(Arrays.equals(expected.get(file), actual.get(file)), file);
    }

    /** The backup files uploaded since the last call, relative to the restore directory, under their own names, sorted. */
    private static List<String> uploaded(EmbeddedSftpServer sftp, Path restore) {
        return sftp.takeUploads().stream().map(p -> restore.relativize(p).toString())
                .map(f -> f.endsWith(".part") ? f.substring(0, f.length() - ".part".length()) : f).sorted().toList();
    }

    /** The chunk directory of a partition in the target host's copy, found by the target cluster's own getBackupList. */
    private static String chunkOf(io.ddbsync.standin.TestCluster cluster, Path restore, String partition) throws IOException {
        Path file = dataFileOf(cluster, restore, SOURCE_DB, partition);
        return restore.relativize(file.getParent()).toString();
    }
}
