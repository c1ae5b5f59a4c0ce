package io.ddbsync.app;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import io.ddbsync.Requirements;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.transfer.EmbeddedSftpServer;
import io.ddbsync.sync.transfer.OpenSshServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/** The real offline routes and jobs file, end to end between two clusters, through the shared-directory leg. */
class OfflineSyncTest extends TwoClustersTestSupport {
    @BeforeAll
    static void createTable() throws Exception {
        DBConnection c = source.connect();
        c.run("""
                db = database("dfs://db1", VALUE, 2024.01.01..2024.01.05)
                t = table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE])
                db.createPartitionedTable(t, `mt, `Timestamp)
                n = 5000
                data = table(2024.01.01T09:30:00.000 + long(0..(n-1)) * 86400 as Timestamp, take(`IBM`MSFT`AAPL, n) as sym, 1..n as qty, 100.0 + (0..(n-1)) / 1000.0 as price)
                tableInsert(loadTable("dfs://db1", "mt"), data)
                """);
        c.close();
    }

    private static Properties settings(Path dir, String window) {
        return OfflineTestTables.sharedLegSettings(source, target, dir, window);
    }

    private static BasicTable rows(TestCluster cluster) throws Exception {
        return rows(cluster, "dfs://db1");
    }

    private static BasicTable rows(TestCluster cluster, String db) throws Exception {
        DBConnection c = cluster.connect();
        try {
            return (BasicTable) c.run("select * from loadTable('" + db + "', 'mt') order by Timestamp, qty");
        } finally {
            c.close();
        }
    }

    static void assertSameRows(BasicTable expected, BasicTable actual) {
        assertEquals(expected.rows(), actual.rows(), "rows");
        assertEquals(expected.columns(), actual.columns(), "columns");
        for (int c = 0; c < expected.columns(); c++) {
            assertEquals(expected.getColumnName(c), actual.getColumnName(c));
            for (int r = 0; r < expected.rows(); r++) {
                assertEquals(expected.getColumn(c).getString(r), actual.getColumn(c).getString(r), expected.getColumnName(c) + " row " + r);
            }
        }
    }

    @Test
    void wholeTableThroughTheSharedDirectoryEndsEqualAndRerunsIdempotently(@TempDir Path dir) throws Exception {
        try (SyncRunner runner = SyncRunner.start(settings(dir, "all"))) {
            Exchange first = runner.run("db1-offline-shared");
            assertNull(first.getException(), () -> String.valueOf(first.getException()));
            RunReport report = SyncRunner.report(first);
            assertTrue(report.succeeded(), report.render());
            assertEquals(5, report.partitions().size());
            assertSameRows(rows(source), rows(target));

            Exchange again = runner.run("db1-offline-shared");
            assertNull(again.getException(), () -> String.valueOf(again.getException()));
            assertTrue(SyncRunner.report(again).succeeded(), SyncRunner.report(again).render());
            assertSameRows(rows(source), rows(target));
        }
    }

    @Test
    void aSourcePartitionWrittenDuringTheRunIsNamedAsSuchAndTheNextRunCopiesIt(@TempDir Path dir) throws Exception {
        DBConnection c = source.connect();
        c.run("""
                db = database("dfs://live", VALUE, 2024.01.01..2024.01.03)
                t = table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE])
                db.createPartitionedTable(t, `mt, `Timestamp)
                n = 300
                tableInsert(loadTable("dfs://live", "mt"), table(2024.01.01T09:30:00.000 + long(0..(n-1)) * 864000 as Timestamp, take(`IBM`MSFT, n) as sym, 1..n as qty, 100.0 + (0..(n-1)) / 1000.0 as price))
                """);
        Properties p = settings(dir, "all");
        p.setProperty("jobs.db1.database", "dfs://live");
        p.setProperty("jobs.db1.targetDatabase", "dfs://live");
        // a row lands in source partition 2024.01.02 after the backup, while the target restores it
        java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();
        org.apache.camel.support.EventNotifierSupport writer = new org.apache.camel.support.EventNotifierSupport() {
            @Override
            public void notify(org.apache.camel.spi.CamelEvent event) throws Exception {
                if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeSendingEvent sending
                        && sending.getEndpoint().getEndpointUri().contains("operation=restore") && written.compareAndSet(false, true)) {
                    c.run("tableInsert(loadTable('dfs://live', 'mt'), table(2024.01.02T12:00:00.000 as Timestamp, `IBM as sym, 999 as qty, 9.99 as price))");
                }
            }
        };
        try (SyncRunner runner = SyncRunner.start(p, false, context -> context.getManagementStrategy().addEventNotifier(writer))) {
            Exchange broken = runner.run("db1-offline-shared");
            assertTrue(written.get(), "the row was written");
            assertNotNull(broken.getException(), "the run verified although the source changed");
            String message = broken.getException().getMessage();
            assertTrue(message.contains("differs from the source in partitions [/20240102]"), message);
            assertTrue(message.contains("[/20240102] changed on the source during this run"), message);
            assertTrue(message.contains("the next run copies the change"), message);

            Exchange repaired = runner.run("db1-offline-shared");
            assertNull(repaired.getException(), () -> String.valueOf(repaired.getException()));
            assertTrue(SyncRunner.report(repaired).succeeded(), SyncRunner.report(repaired)::render);
        } finally {
            c.close();
        }
        assertSameRows(rows(source, "dfs://live"), rows(target, "dfs://live"));
    }

    @Test
    void aTableWhoseColumnsTheChecksumCannotCoverIsRefusedBeforeTheBackup(@TempDir Path dir) throws Exception {
        DBConnection c = source.connect();
        try {
            io.ddbsync.standin.backup.AllTypesTable.create(c, 10);
        } finally {
            c.close();
        }
        Properties p = settings(dir, "all");
        p.setProperty("jobs.db1.database", io.ddbsync.standin.backup.AllTypesTable.DB);
        p.setProperty("jobs.db1.table", "pt");
        p.setProperty("jobs.db1.targetDatabase", io.ddbsync.standin.backup.AllTypesTable.DB);
        p.setProperty("jobs.db1.targetTable", "pt");
        try (SyncRunner runner = SyncRunner.start(p)) {
            Exchange refused = runner.run("db1-offline-shared");
            assertNotNull(refused.getException());
            String message = refused.getException().getMessage();
            assertTrue(message.contains("the offline sync's verification uses server-side checksums, which do not cover column 'bl' (BLOB)"), message);
            assertTrue(message.contains("sync this table with the online sync"), message);
            assertTrue(SyncRunner.report(refused).stages().isEmpty(), "the run stopped in its plan: no stage ended");
        }
        assertFalse(Files.exists(dir.resolve("backup")) && Files.list(dir.resolve("backup")).findAny().isPresent(), "nothing was backed up");
        assertFalse(((com.xxdb.data.BasicBoolean) target.connect().run("existsDatabase('" + io.ddbsync.standin.backup.AllTypesTable.DB + "')")).getBoolean(),
                "the target was not touched");
    }

    @Test
    void windowColumnSubsetAndRenameUseASqlBackupAndReRunWithoutDuplicates(@TempDir Path dir) throws Exception {
        Properties p = settings(dir, "2024.01.02..2024.01.03");
        p.setProperty("jobs.db1.columns", "Timestamp, sym, price");
        p.setProperty("jobs.db1.targetDatabase", "dfs://db1copy");
        p.setProperty("jobs.db1.targetTable", "mt2");
        try (SyncRunner runner = SyncRunner.start(p)) {
            for (int run = 0; run < 2; run++) {
                Exchange done = runner.run("db1-offline-shared");
                assertNull(done.getException(), () -> String.valueOf(done.getException()));
                assertTrue(SyncRunner.report(done).succeeded(), SyncRunner.report(done).render());
                assertEquals(2, SyncRunner.report(done).partitions().size());
                DBConnection s = source.connect();
                DBConnection t = target.connect();
                assertSameRows((BasicTable) s.run("select Timestamp, sym, price from loadTable('dfs://db1', 'mt') "
                                + "where Timestamp >= 2024.01.02T00:00:00.000, Timestamp < 2024.01.04T00:00:00.000 order by Timestamp"),
                        (BasicTable) t.run("select * from loadTable('dfs://db1copy', 'mt2') order by Timestamp"));
                s.close();
                t.close();
            }
        }
    }

    @Test
    void throughSftpWithItsHostKeyChecked(@TempDir Path dir) throws Exception {
        try (EmbeddedSftpServer sftp = EmbeddedSftpServer.start(Files.createDirectories(dir.resolve("sshd")), "s3cret", EmbeddedSftpServer.newRsaKeyPair().getPublic())) {
            Properties p = settings(dir, "2024.01.04..2024.01.05");
            p.setProperty("jobs.db1.restoreDir", dir.resolve("remote-restore").toString());
            sftp.putSftpLegSettings(p, dir);
            p.setProperty("jobs.db1.targetDatabase", "dfs://viaSftp");
            try (SyncRunner runner = SyncRunner.start(p)) {
                Exchange done = runner.run("db1-offline-sftp");
                assertNull(done.getException(), () -> String.valueOf(done.getException()));
                RunReport report = SyncRunner.report(done);
                assertTrue(report.succeeded(), report.render());
                assertTrue(report.bytesMoved() > 0, report.render());
                DBConnection t = target.connect();
                assertEquals(2, ((BasicTable) t.run("select count(*) from loadTable('dfs://viaSftp', 'mt') group by date(Timestamp)")).rows());
                t.close();
            }
        }
    }

    /** The tutorial's nightly job as shipped: rsync run on the source host over SSH, pushing to the target (OpenSSH's sshd on loopback). */
    @Test
    void theTutorialsRsyncJob(@TempDir Path dir) throws Exception {
        Requirements.require(OpenSshServer.available(), "/usr/sbin/sshd and rsync (apt-get install openssh-server rsync; .ci/run does)");
        try (OpenSshServer ssh = OpenSshServer.start(dir.resolve("sshd"))) {
            Properties p = settings(dir, "2024.01.01..2024.01.02");
            p.setProperty("jobs.db1.restoreDir", dir.resolve("target-host").toString());
            p.setProperty("jobs.db1.targetDatabase", "dfs://viaRsync");
            ssh.putRsyncLegSettings(p);
            try (SyncRunner runner = SyncRunner.start(p)) {
                Exchange done = runner.run("db1-offline");
                assertNull(done.getException(), () -> String.valueOf(done.getException()));
                RunReport report = SyncRunner.report(done);
                assertTrue(report.succeeded(), report.render());
                DBConnection s = source.connect();
                DBConnection t = target.connect();
                assertSameRows((BasicTable) s.run("select * from loadTable('dfs://db1', 'mt') where Timestamp < 2024.01.03T00:00:00.000 order by Timestamp"),
                        (BasicTable) t.run("select * from loadTable('dfs://viaRsync', 'mt') order by Timestamp"));
                s.close();
                t.close();
            }
        }
    }
}
