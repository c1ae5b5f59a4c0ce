package io.ddbsync.app;

import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.online.OnlineManyTablesTest;
import io.ddbsync.sync.online.RunnerProcess;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.transfer.EmbeddedSftpServer;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static io.ddbsync.sync.online.OnlineManyTablesTest.fingerprint;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Offline jobs of several tables through the real routes and jobs file (job trades-offline, the
 * shared-directory leg) between two stand-ins: five databases of every partitioning (VALUE, RANGE,
 * HASH, LIST, COMPO; OLAP and TSDB; eight tables) by a database pattern as one job, a window over
 * several tables (SQL backups), a list with patterns and per-table overrides, a table added on the
 * source and one dropped. Judged by the test's own queries on both clusters: per partition key, the
 * row count and a hash sum of every column ({@link OnlineManyTablesTest#fingerprint}).
 */
class OfflineManyTablesTest extends TwoClustersTestSupport {
    private static final String JOB = "trades-offline";
    private static final String[][] TABLES = {
            {"value", "ticks"}, {"value", "quotes"}, {"value", "quotes_old"}, {"range", "orders"}, {"hash", "accounts"},
            {"list", "venues"}, {"compo", "trades"}, {"compo", "fills"}};

    private static Properties job(Path dir, String database, String tables) {
        Properties p = SyncRunner.clusters(source, target);
        p.setProperty("ddbsync.stateDir", dir.resolve("state").toString());
        p.setProperty("jobs." + JOB + ".database", database);
        p.setProperty("jobs." + JOB + ".tables", tables);
        p.setProperty("jobs." + JOB + ".backupDir", dir.resolve("backup").toString());
        p.setProperty("jobs." + JOB + ".restoreDir", dir.resolve("restore").toString());
        return p;
    }

    private static RunReport run(SyncRunner runner) {
        Exchange done = runner.run(JOB);
        RunReport report = SyncRunner.report(done);
        assertNull(done.getException(), () -> done.getException() + "\n" + (report == null ? "" : report.render()));
        assertEquals(RunReport.Outcome.VERIFIED, report.outcome(), report::render);
        return report;
    }

    private static void assertSameTable(String db, String table, String targetDb, String targetTable) throws Exception {
        Map<String, String> onSource = fingerprint(source, db, table);
        assertFalse(onSource.isEmpty(), "the source has rows in " + db + "/" + table);
        assertEquals(onSource, fingerprint(target, targetDb, targetTable), db + "/" + table + " on the target, partition by partition");
    }

    @Test
    void fiveDatabasesOfEveryPartitioningByAPatternAreOneJobOneDirectoryAndTablesComeAndGo(@TempDir Path dir) throws Exception {
        String prefix = OnlineManyTablesTest.createDatabases(source);
        try (SyncRunner runner = SyncRunner.start(job(dir, prefix + "_*", "*"))) {
            RunReport report = run(runner);
            for (String[] t : TABLES) assertSameTable(prefix + "_" + t[0], t[1], prefix + "_" + t[0], t[1]);
            assertEquals(TABLES.length, report.tables().size(), report::render);
            // every database whole: one backup per database (backupDB), all in the run's one directory, moved by one transfer
            Path files = dir.resolve("backup").resolve(JOB).resolve("files");
            for (String[] t : TABLES) assertTrue(Files.isDirectory(files.resolve(prefix.substring("dfs://".length()) + "_" + t[0]).resolve(t[1])), files + " holds " + t[1]);
            assertTrue(Files.isRegularFile(dir.resolve("restore").resolve(JOB).resolve("files").resolve("MANIFEST.sha256")), "one manifest for the run");
            assertTrue(report.render().contains("files backup of 5 units"), report::render);

            // a table added and one dropped on the source; a row in one partition of another
            String db = prefix + "_value";
            Map<String, String> droppedOnTarget = fingerprint(target, db, "quotes_old");
            source.run("v = database('" + db + "')\n"
                    + "v.createPartitionedTable(table(1:0, `date`x, [DATE, INT]), `added, `date)\n"
                    + "loadTable('" + db + "', 'added').append!(table(2024.01.01 2024.01.02 2024.01.04 as date, 1 2 3 as x))\n"
                    + "dropTable(v, 'quotes_old')\n"
                    + "loadTable('" + prefix + "_range', 'orders').append!(table(1500 as id, long(1) as v, `added as s))");
            RunReport next = run(runner);
            assertSameTable(db, "added", db, "added");
            assertSameTable(prefix + "_range", "orders", prefix + "_range", "orders");
            assertTrue(next.render().contains("dropped") && next.render().contains(db + "/quotes_old"), next::render);
            assertEquals(droppedOnTarget, fingerprint(target, db, "quotes_old"), "a table dropped on the source stays on the target as it was");
            for (String[] t : TABLES) {
                if (!t[1].equals("quotes_old")) assertSameTable(prefix + "_" + t[0], t[1], prefix + "_" + t[0], t[1]);
            }
        }
    }

    @Test
    void aWindowOverSeveralTablesIsSqlBackupsThatReRunWithoutDuplicates(@TempDir Path dir) throws Exception {
        String prefix = OnlineManyTablesTest.createDatabases(source);
        String db = prefix + "_value";
        Properties p = job(dir, db, "ticks, quotes");
        p.setProperty("jobs." + JOB + ".window", "2024.01.02..2024.01.03");
        try (SyncRunner runner = SyncRunner.start(p)) {
            for (int i = 0; i < 2; i++) {
                RunReport report = run(runner);
                assertTrue(report.render().contains("sql backup of 2 units"), report::render);
                for (String t : List.of("ticks", "quotes")) {
                    String inWindow = "select count(*) as rows, sum(hashBucket(string(sym), 1000003)) as h from loadTable('%s', '" + t + "')"
                            + " where date between 2024.01.02 : 2024.01.03 group by date";
                    assertEquals(source.run(inWindow.formatted(db)).getString(), target.run(inWindow.formatted(db)).getString(), t + " in the window, run " + i);
                    String windowRows = "exec count(*) from loadTable('" + db + "', '" + t + "') where date between 2024.01.02 : 2024.01.03";
                    assertEquals(Long.parseLong(source.run(windowRows).getString()), target.count(db, t), t + ": the window's rows once, nothing outside it");
                }
            }
            assertFalse(TestClusterChecks.tableExists(target, db, "quotes_old"), "a table the list does not name is not synced");
        }
    }

    @Test
    void aListWithPatternsAndPerTableOverrides(@TempDir Path dir) throws Exception {
        String prefix = OnlineManyTablesTest.createDatabases(source);
        String db = prefix + "_value";
        String copy = TestCluster.uniqueDb("offcopy");
        Properties p = job(dir, db, "ticks, quotes*");
        p.setProperty("jobs." + JOB + ".targetDatabase", copy);
        p.setProperty("jobs." + JOB + ".tables.ticks.targetTable", "ticks_copy");
        p.setProperty("jobs." + JOB + ".tables.quotes.columns", "date, sym, bid");
        try (SyncRunner runner = SyncRunner.start(p)) {
            RunReport report = run(runner);
            assertEquals(3, report.tables().size(), report::render);
        }
        assertSameTable(db, "ticks", copy, "ticks_copy");
        assertFalse(TestClusterChecks.tableExists(target, copy, "ticks"), "ticks goes to its overridden name only");
        assertSameTable(db, "quotes_old", copy, "quotes_old");
        assertEquals("[date,sym,bid]", ((com.xxdb.data.BasicTable) target.run("schema(loadTable('" + copy + "', 'quotes')).colDefs")).getColumn("name").getString());
        for (String column : List.of("count(*)", "sum(bid)", "sum(hashBucket(string(sym), 1000003))")) {
            assertEquals(source.run("exec " + column + " from loadTable('" + db + "', 'quotes')").getString(),
                    target.run("exec " + column + " from loadTable('" + copy + "', 'quotes')").getString(), column + " of quotes");
        }
    }

    @Test
    void anUnknownPerTableSettingStopsTheRunNamingItAndTouchesNothing(@TempDir Path dir) throws Exception {
        String prefix = OnlineManyTablesTest.createDatabases(source);
        Properties p = job(dir, prefix + "_value", "*");
        p.setProperty("jobs." + JOB + ".tables.ticks.targetTabel", "x");
        try (SyncRunner runner = SyncRunner.start(p)) {
            Exchange done = runner.run(JOB);
            assertNotNull(done.getException());
            assertTrue(done.getException().getMessage().contains("jobs." + JOB + ".tables.ticks.targetTabel"), done.getException().getMessage());
        }
        assertEquals("false", target.run("existsDatabase('" + prefix + "_value')").getString(), "nothing was written to the target");
    }

    /** The tutorial's job db1-offline-sftp given a whole database (table empty, tables *): one SFTP transfer for all its tables. */
    @Test
    void aWholeDatabaseThroughSftp(@TempDir Path dir) throws Exception {
        String prefix = OnlineManyTablesTest.createDatabases(source);
        String db = prefix + "_compo";
        String copy = TestCluster.uniqueDb("viasftp");
        try (EmbeddedSftpServer sftp = EmbeddedSftpServer.start(Files.createDirectories(dir.resolve("sshd")), "s3cret", EmbeddedSftpServer.newRsaKeyPair().getPublic())) {
            Properties p = SyncRunner.clusters(source, target);
            p.setProperty("ddbsync.stateDir", dir.resolve("state").toString());
            p.setProperty("jobs.db1.database", db);
            p.setProperty("jobs.db1.table", "");
            p.setProperty("jobs.db1.tables", "*");
            p.setProperty("jobs.db1.targetDatabase", copy);
            p.setProperty("jobs.db1.targetTable", "");
            p.setProperty("jobs.db1.window", "all");
            p.setProperty("jobs.db1.backupDir", dir.resolve("backup").toString());
            p.setProperty("jobs.db1.restoreDir", dir.resolve("remote-restore").toString());
            sftp.putSftpLegSettings(p, dir);
            try (SyncRunner runner = SyncRunner.start(p)) {
                Exchange done = runner.run("db1-offline-sftp");
                RunReport report = SyncRunner.report(done);
                assertNull(done.getException(), () -> done.getException() + "\n" + report.render());
                assertEquals(RunReport.Outcome.VERIFIED, report.outcome(), report::render);
                assertEquals(2, report.tables().size(), report::render);
                assertTrue(report.bytesMoved() > 0, report::render);
            }
        }
        // restoreDB renamed the database; each table kept its name
        for (String t : List.of("trades", "fills")) assertSameTable(db, t, copy, t);
    }

    /**
     * The application in a JVM of its own runs db1-offline-shared over a whole database of three
     * tables and is killed with -9 as the restore begins (the first tables may be restored, the
     * others not) and as the backup begins; run again, it ends with exit 0 and every table equal.
     */
    @ParameterizedTest(name = "killed as the {0} stage begins")
    @ValueSource(strings = {"backup", "restore"})
    void aRunOfSeveralTablesKilledMidRunEndsEqualWhenRunAgain(String stage, @TempDir Path work) throws Exception {
        String db = TestCluster.uniqueDb("killedmany");
        source.run("""
                db = database("%1$s", VALUE, 2024.01.01..2024.01.06)
                db.createPartitionedTable(table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE]), `mt, `Timestamp)
                db.createPartitionedTable(table(1:0, `Timestamp`sym`bid, [TIMESTAMP, SYMBOL, DOUBLE]), `quotes, `Timestamp)
                db.createPartitionedTable(table(1:0, `Timestamp`id, [TIMESTAMP, LONG]), `events, `Timestamp)
                n = 300000
                ts = 2024.01.01T00:00:00.000 + long(0..(n-1)) * (6 * 86400000 / n)
                loadTable("%1$s", "mt").append!(table(ts as Timestamp, take(`IBM`MSFT`AAPL, n) as sym, 1..n as qty, (1..n) * 0.01 as price))
                loadTable("%1$s", "quotes").append!(table(ts as Timestamp, take(`IBM`MSFT, n) as sym, (1..n) * 0.5 as bid))
                loadTable("%1$s", "events").append!(table(ts as Timestamp, long(1..n) as id))
                """.formatted(db));
        String job = "db1-offline-shared";
        Path config = RunnerProcess.configuration(work, "application", OfflineTestTables.runnerSettings(source, target, work,
                "jobs.db1.database = " + db,
                "jobs.db1.table = ",
                "jobs.db1.targetDatabase = " + db,
                "jobs.db1.targetTable = ",
                "jobs.db1.window = all",
                "jobs.db1.backupDir = " + work.resolve("backup"),
                "jobs.db1.sharedRestoreDir = " + work.resolve("restore")));
        String begun = "[" + job + "] " + stage + " ...";
        try (RunnerProcess first = RunnerProcess.start(work, config, "--once", job)) {
            first.await(line -> line.equals(begun), 1, 120, "the " + stage + " stage began");
            first.kill();
            List<String> progress = first.lines(line -> line.startsWith("[" + job + "]"));
            String killedAt = progress.get(progress.size() - 1);
            assertFalse(killedAt.contains(" run ") && killedAt.contains(" ended"), "killed before the run ended, not after: " + killedAt);
        }
        try (RunnerProcess second = RunnerProcess.start(work, config, "--once", job)) {
            assertTrue(second.process().waitFor(180, TimeUnit.SECONDS), "the second run ended");
            assertEquals(0, second.process().exitValue(), second.output());
        }
        for (String t : List.of("mt", "quotes", "events")) assertSameTable(db, t, db, t);
    }

    /** The test's own look at a cluster. */
    static final class TestClusterChecks {
        static boolean tableExists(TestCluster c, String db, String table) throws Exception {
            return Boolean.parseBoolean(c.run("existsDatabase('" + db + "') && existsTable('" + db + "', '" + table + "')").getString());
        }
    }
}
