package io.ddbsync.app;

import com.xxdb.data.BasicTable;
import io.ddbsync.sync.run.RunReport;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static io.ddbsync.app.OfflineTestTables.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Damaged backups in the offline sync, end to end with the real routes and the shared-directory
 * leg: a file damaged in the kept backup directory is backed up again by the next run, a damaged
 * copy on the target host is refused before the target is touched, and a full disk on the restore
 * side stops the run before it; each time the next run ends with the target equal to the source.
 * Judged by the test's own queries on both clusters (per partition: rows and a sum of every column).
 */
class OfflineDamagedBackupTest extends TwoClustersTestSupport {
    private static final String JOB = "db1-offline-shared";
    private static final String SOURCE_DB = "dfs://db1";

    @BeforeAll
    static void createTable() throws Exception {
        create(source, SOURCE_DB, 5, 2000);
    }

    private static Properties settings(Path dir, String targetDb) {
        Properties p = sharedLegSettings(source, target, dir, "all");
        p.setProperty("jobs.db1.database", SOURCE_DB);
        p.setProperty("jobs.db1.targetDatabase", targetDb);
        return p;
    }

    private static RunReport succeeds(SyncRunner runner) {
        Exchange done = runner.run(JOB);
        assertNull(done.getException(), () -> String.valueOf(done.getException()));
        RunReport report = SyncRunner.report(done);
        assertTrue(report.succeeded(), report.render());
        return report;
    }

    private static RunReport fails(SyncRunner runner) {
        Exchange done = runner.run(JOB);
        assertNotNull(done.getException(), "the run must fail");
        RunReport report = SyncRunner.report(done);
        assertFalse(report.succeeded(), report.render());
        assertNotNull(report.error(), report.render());
        return report;
    }

    @Test
    void aFileDamagedInTheKeptBackupDirectoryIsBackedUpAgainByTheNextRun(@TempDir Path dir) throws Exception {
        String targetDb = "dfs://keptDamaged";
        Path kept = filesBackup(dir.resolve("backup"), JOB);
        try (SyncRunner runner = SyncRunner.start(settings(dir, targetDb))) {
            succeeds(runner);

            // a byte flipped on disk keeps the file's size and the partition's metadata: an incremental
            // backup would keep it, and every restore would refuse it
            flipBytes(dataFileOf(source, kept, SOURCE_DB, "/20240102"));
            BasicTable damaged = checkBackup(source, kept, SOURCE_DB);
            assertEquals(1, damaged.rows(), damaged.getString());
            assertEquals("/20240102", damaged.getColumn("partitionPath").getString(0));
            addRows(source, SOURCE_DB, "2024.01.04", 50);

            RunReport report = succeeds(runner);
            assertTrue(report.render().contains("partition /20240102 was damaged in the kept backup directory and backed up again"), report.render());
            assertEquals(0, checkBackup(source, kept, SOURCE_DB).rows(), "the kept backup directory is sound again");
            assertSame(source, SOURCE_DB, target, targetDb);

            // and it stays sound: the run after says nothing of damage
            RunReport quiet = succeeds(runner);
            assertFalse(quiet.render().contains("damaged"), quiet.render());
        }
        assertSame(source, SOURCE_DB, target, targetDb);
    }

    /**
     * A file of the target host's copy is cut in half after the manifest was checked (the
     * manifest proves the transfer, not the disk after it): checkBackup on the target refuses the
     * copy before the target database is created; with the database there, it stays as it was.
     */
    @Test
    void aTruncatedFileOnTheTargetHostIsRefusedBeforeTheTargetIsTouched(@TempDir Path dir) throws Exception {
        String targetDb = "dfs://truncatedCopy";
        Path restoreDir = dir.resolve("restore");
        AtomicReference<Path> truncated = new AtomicReference<>();
        EventNotifierSupport truncateAfterTransfer = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) throws Exception {
                if (event instanceof CamelEvent.ExchangeSentEvent sent && sent.getEndpoint().getEndpointUri().equals("direct://" + JOB + "-transfer")
                        && truncated.get() == null && sent.getExchange().getException() == null) {
                    Path file = largestFile(restoreDir);
                    truncate(file);
                    truncated.set(file);
                }
            }
        };
        try (SyncRunner runner = SyncRunner.start(settings(dir, targetDb), false, c -> c.getManagementStrategy().addEventNotifier(truncateAfterTransfer))) {
            RunReport refused = fails(runner);
            assertNotNull(truncated.get(), "a file was cut after the transfer");
            assertTrue(refused.error().contains("is damaged (checkBackup): partition /2024"), refused.error());
            assertTrue(refused.error().contains("the target was not touched"), refused.error());
            assertTrue(refused.stages().stream().noneMatch(s -> s.name().equals("check") || s.name().equals("restore")), refused.render());
            assertFalse(databaseExists(target, targetDb), "no target database was created for a damaged copy");

            truncated.set(Path.of("disarmed"));
            succeeds(runner);
            assertSame(source, SOURCE_DB, target, targetDb);

            // with the target table there: a change on the source, a damaged copy, and the target stays as it was
            BasicTable before = perPartition(target, targetDb);
            addRows(source, SOURCE_DB, "2024.01.03", 40);
            truncated.set(null);
            fails(runner);
            assertEquals(before.getString(), perPartition(target, targetDb).getString(), "the target is unchanged");

            truncated.set(Path.of("disarmed"));
            succeeds(runner);
            assertSame(source, SOURCE_DB, target, targetDb);
        }
    }

    /**
     * A byte flipped in the kept backup directory after this run's check of it, before the
     * transfer: the manifest is written from the damaged file and proves a faithful transfer of
     * it, the check of the target host's copy refuses it before the target is touched, and the
     * next run's check on the source backs the partition up again.
     */
    @Test
    void aFileDamagedBetweenTheBackupAndTheTransferIsRefusedThenBackedUpAgain(@TempDir Path dir) throws Exception {
        String targetDb = "dfs://damagedBeforeTransfer";
        Path kept = filesBackup(dir.resolve("backup"), JOB);
        AtomicReference<String> damagedPartition = new AtomicReference<>();
        EventNotifierSupport damageBeforeTransfer = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) throws Exception {
                if (event instanceof CamelEvent.ExchangeSendingEvent sending && sending.getEndpoint().getEndpointUri().equals("direct://" + JOB + "-transfer")
                        && damagedPartition.compareAndSet(null, "/20240103")) {
                    flipBytes(dataFileOf(source, kept, SOURCE_DB, "/20240103"));
                }
            }
        };
        try (SyncRunner runner = SyncRunner.start(settings(dir, targetDb), false, c -> c.getManagementStrategy().addEventNotifier(damageBeforeTransfer))) {
            RunReport refused = fails(runner);
            assertEquals("/20240103", damagedPartition.get(), "a file was damaged before the transfer");
            assertTrue(refused.error().contains("of dfs://db1/mt in " + dir.resolve("restore")), refused.error());
            assertTrue(refused.error().contains("that cluster 'target' restores from is damaged (checkBackup): partition /20240103."), refused.error());
            assertFalse(databaseExists(target, targetDb), "no target database was created for a damaged copy");

            RunReport repaired = succeeds(runner);
            assertTrue(repaired.render().contains("partition /20240103 was damaged in the kept backup directory and backed up again"), repaired.render());
            assertSame(source, SOURCE_DB, target, targetDb);
        }
    }

    /**
     * The restore directory on a disk too small for the backup (a 64 KB tmpfs; where mounting is not
     * permitted, a directory this user may not write, standing in for it): the transfer fails,
     * naming the cause, before the target is touched; with room again the next run recovers.
     */
    @Test
    void aFullDiskOnTheRestoreSideStopsTheRunBeforeTheTargetIsTouched(@TempDir Path dir) throws Exception {
        String targetDb = "dfs://fullDisk";
        Path restoreDir = Files.createDirectories(dir.resolve("restore"));
        SmallDisk disk = SmallDisk.at(restoreDir);
        try (SyncRunner runner = SyncRunner.start(settings(dir, targetDb))) {
            RunReport refused;
            try {
                refused = fails(runner);
            } finally {
                disk.release();
            }
            assertTrue(refused.error().contains(disk.expectedError()), refused.error());
            assertTrue(refused.error().contains("transfer"), refused.error());
            assertFalse(databaseExists(target, targetDb), "no target database was created");

            succeeds(runner);
            assertSame(source, SOURCE_DB, target, targetDb);
        }
    }

    /** A directory with little room: a tmpfs mounted on it, or (without the right to mount) made read-only. */
    private record SmallDisk(Path dir, boolean mounted) {
        static SmallDisk at(Path dir) throws Exception {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir.toString()).redirectErrorStream(true).start();
            if (mount.waitFor() == 0) return new SmallDisk(dir, true);
            assertFalse(isRoot(), "root can mount a tmpfs: " + new String(mount.getInputStream().readAllBytes()));
            assertTrue(dir.toFile().setWritable(false, false), "made " + dir + " read-only");
            return new SmallDisk(dir, false);
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }

        String expectedError() {
            return mounted ? "No space left on device" : "Permission denied";
        }

        void release() throws Exception {
            if (mounted) assertEquals(0, new ProcessBuilder("umount", dir.toString()).inheritIO().start().waitFor(), "umount " + dir);
            else assertTrue(dir.toFile().setWritable(true, false));
        }
    }
}
