package io.ddbsync.app;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.transfer.EmbeddedSftpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Each error of the offline sync stops the run with an error naming what and where, leaves the
 * target as the previous run left it, and is in the run report.
 */
class OfflineErrorsTest extends TwoClustersTestSupport {
    static EmbeddedSftpServer sftp;
    // deleted after @AfterAll has closed the SFTP server
    @TempDir
    static Path sshDir;
    @TempDir
    Path dir;
    BasicTable before;

    @BeforeAll
    static void startSftpAndCreateTable() throws Exception {
        sftp = EmbeddedSftpServer.start(sshDir, "s3cret", EmbeddedSftpServer.newRsaKeyPair().getPublic());
        DBConnection c = source.connect();
        c.run("""
                db = database("dfs://db1", VALUE, 2024.01.01..2024.01.05)
                t = table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE])
                db.createPartitionedTable(t, `mt, `Timestamp)
                data = table(2024.01.01T09:30:00.000 + long(0..3999) * 100000 as Timestamp, take(`IBM`MSFT, 4000) as sym, 1..4000 as qty, 1.0 * (1..4000) as price)
                tableInsert(loadTable("dfs://db1", "mt"), data)
                """);
        c.close();
    }

    @AfterAll
    static void stopSftp() throws Exception {
        sftp.close();
    }

    private Properties settings() throws Exception {
        Properties p = OfflineTestTables.sharedLegSettings(source, target, dir, "2024.01.02..2024.01.03");
        p.setProperty("jobs.db1.restoreDir", dir.resolve("remote-restore").toString());
        sftp.putSftpLegSettings(p, dir);
        return p;
    }

    private static BasicTable targetRows() throws Exception {
        DBConnection c = target.connect();
        try {
            if (!((com.xxdb.data.BasicBoolean) c.run("existsTable('dfs://db1', 'mt')")).getBoolean()) return null;
            return (BasicTable) c.run("select * from loadTable('dfs://db1', 'mt') order by Timestamp");
        } finally {
            c.close();
        }
    }

    /** A first successful run, then a change on the source that the failing run would have copied. */
    @BeforeEach
    void baseline() throws Exception {
        try (SyncRunner runner = SyncRunner.start(settings())) {
            Exchange ok = runner.run("db1-offline-shared");
            assertNull(ok.getException(), () -> String.valueOf(ok.getException()));
        }
        DBConnection c = source.connect();
        c.run("update loadTable('dfs://db1', 'mt') set price = price + 1000.0 where Timestamp < 2024.01.03T00:00:00.000");
        c.close();
        before = targetRows();
        assertNotNull(before);
    }

    private String failingRun(Properties p, String job) throws Exception {
        try (SyncRunner runner = SyncRunner.start(p)) {
            Exchange done = runner.run(job);
            assertNotNull(done.getException(), "the run must fail");
            RunReport report = SyncRunner.report(done);
            assertNotNull(report.error(), "the error is in the run report");
            assertFalse(report.succeeded());
            OfflineSyncTest.assertSameRows(before, targetRows());
            return report.error();
        }
    }

    @Test
    void wrongPasswordOnTheSource() throws Exception {
        Properties p = settings();
        p.setProperty("dolphindb.clusters.source.password", "wrong-password");
        String error = failingRun(p, "db1-offline-shared");
        assertTrue(error.contains("source") && error.contains("The user name or password is incorrect"), error);
        assertFalse(error.contains("wrong-password"), "no password in errors");
    }

    @Test
    void aDeadlinePassedStopsTheRunBeforeItsNextStage() throws Exception {
        Properties p = settings();
        p.setProperty("jobs.db1.offlineDeadline", "1ms");
        String error = failingRun(p, "db1-offline-shared");
        assertTrue(error.contains("db1-offline-shared passed its deadline of 1ms (deadline) before its"), error);
    }

    @Test
    void aDeadlineThatIsNoDurationIsNamed() throws Exception {
        Properties p = settings();
        p.setProperty("jobs.db1.offlineDeadline", "soon");
        // refused as the run starts, before its report and before anything is read or written (as a bad window is)
        try (SyncRunner runner = SyncRunner.start(p)) {
            Exchange done = runner.run("db1-offline-shared");
            assertNotNull(done.getException(), "the run must fail");
            String error = done.getException().getMessage();
            assertTrue(error.contains("deadline must be a duration") && error.contains("'soon'"), error);
        }
        OfflineSyncTest.assertSameRows(before, targetRows());
    }

    @Test
    void unknownTable() throws Exception {
        Properties p = settings();
        p.setProperty("jobs.db1.table", "nosuch");
        String error = failingRun(p, "db1-offline-shared");
        assertTrue(error.contains("nosuch") && error.contains("dfs://db1"), error);
    }

    @Test
    void targetDatabaseMissing() throws Exception {
        Properties p = settings();
        p.setProperty("jobs.db1.createTarget", "false");
        p.setProperty("jobs.db1.targetDatabase", "dfs://missing");
        String error = failingRun(p, "db1-offline-shared");
        assertTrue(error.contains("dfs://missing"), error);
    }

    @Test
    void unknownHostKeyOfTheTarget() throws Exception {
        Properties p = settings();
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        p.setProperty("transfer.sftp.knownHostsFile", empty.toString());
        String error = failingRun(p, "db1-offline-sftp");
        assertTrue(error.toLowerCase().contains("host key"), error);
        assertFalse(error.contains("s3cret"), "no password in errors");
    }

    @Test
    void diskFullOnTheTarget() throws Exception {
        sftp.failWritesAfter(10_000);
        try {
            String error = failingRun(settings(), "db1-offline-sftp");
            assertTrue(error.contains("No space left on device") || error.toLowerCase().contains("space"), error);
        } finally {
            sftp.failWritesAfter(Long.MAX_VALUE);
        }
    }

    @Test
    void damagedFileIsFoundBeforeRestore() throws Exception {
        sftp.corruptFilesMatching(".*\\.bin(\\.part)?");
        try {
            String error = failingRun(settings(), "db1-offline-sftp");
            assertTrue(error.contains("checking the manifest on the target") && error.contains(".bin: FAILED"), error);
        } finally {
            sftp.corruptFilesMatching("^$");
        }
    }
}
