package io.ddbsync.app;

import com.xxdb.data.BasicBoolean;
import com.xxdb.data.BasicTable;
import io.ddbsync.standin.TestCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What the offline tests build and how they judge it, with their own queries (never the run's
 * report): the tutorial's table {@code mt}, VALUE-partitioned by day, and per partition its row
 * count and a sum of every column (the symbol column through crc32).
 */
final class OfflineTestTables {
    static final String TABLE = "mt";

    private OfflineTestTables() {
    }

    /** dfs://db1-like database: {@code days} days from 2024.01.01, {@code rowsPerDay} rows each. */
    static void create(TestCluster cluster, String db, int days, int rowsPerDay) throws IOException {
        int n = days * rowsPerDay;
        cluster.run("""
                db = database("%1$s", VALUE, 2024.01.01..2024.01.%2$02d)
                t = table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE])
                db.createPartitionedTable(t, `mt, `Timestamp)
                n = %3$d
                data = table(2024.01.01T00:00:00.000 + long(0..(n-1)) * (86400000 / %4$d) as Timestamp, take(`IBM`MSFT`AAPL`GOOG, n) as sym, 1..n as qty, 100.0 + (0..(n-1)) / 1000.0 as price)
                tableInsert(loadTable("%1$s", "mt"), data)
                """.formatted(db, days, n, rowsPerDay));
    }

    /** Adds rows to one day's partition, so the next run has a change to ship. */
    static void addRows(TestCluster cluster, String db, String day, int rows) throws IOException {
        cluster.run("""
                n = %3$d
                tableInsert(loadTable("%1$s", "mt"), table(%2$sT12:00:00.000 + long(0..(n-1)) as Timestamp, take(`NEW, n) as sym, -(1..n) as qty, 0.5 * (1..n) as price))
                """.formatted(db, day, rows));
    }

    /** Per partition (day): rows, and the sum of every column, in day order. */
    static BasicTable perPartition(TestCluster cluster, String db) throws IOException {
        return perPartition(cluster, db, null);
    }

    /** The same for the rows that meet a condition (a window; null: every row). */
    static BasicTable perPartition(TestCluster cluster, String db, String where) throws IOException {
        return (BasicTable) cluster.run("select count(*) as rows, sum(long(Timestamp)) as ts, sum(long(crc32(string(sym)))) as sym, "
                + "sum(long(qty)) as qty, sum(price) as price from loadTable('" + db + "', 'mt')" + (where == null ? "" : " where " + where)
                + " group by date(Timestamp) as day order by day");
    }

    /** The target's table holds what the source's does, partition by partition. */
    static void assertSame(TestCluster source, String sourceDb, TestCluster target, String targetDb) throws IOException {
        assertSame(source, sourceDb, target, targetDb, null);
    }

    /** The target's table holds the source's rows that meet the condition (null: every row), partition by partition, and no others. */
    static void assertSame(TestCluster source, String sourceDb, TestCluster target, String targetDb, String where) throws IOException {
        BasicTable expected = perPartition(source, sourceDb, where);
        assertTrue(expected.rows() > 0, "the source has rows" + (where == null ? "" : " where " + where));
        assertEquals(expected.getString(), perPartition(target, targetDb).getString(), "per partition on the source and on " + targetDb);
    }

    static boolean databaseExists(TestCluster cluster, String db) throws IOException {
        return ((BasicBoolean) cluster.run("existsDatabase('" + db + "')")).getBoolean();
    }

    /**
     * The db1 jobs' settings between the two clusters (as {@link SyncRunner} takes them): the window,
     * and the backup and shared restore directories under {@code dir}, where db1-offline-shared moves
     * a backup through the shared-directory leg.
     */
    static java.util.Properties sharedLegSettings(TestCluster source, TestCluster target, Path dir, String window) {
        java.util.Properties p = SyncRunner.clusters(source, target);
        p.setProperty("jobs.db1.window", window);
        p.setProperty("jobs.db1.backupDir", dir.resolve("backup").toString());
        p.setProperty("jobs.db1.sharedRestoreDir", dir.resolve("restore").toString());
        return p;
    }

    /** A runner's configuration lines: the two clusters and a state directory under {@code work}, then the job's lines. */
    static java.util.List<String> runnerSettings(TestCluster source, TestCluster target, Path work, String... jobLines) {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(
                "dolphindb.clusters.source.sites = " + source.host() + ":" + source.port(),
                "dolphindb.clusters.source.password = " + source.password(),
                "dolphindb.clusters.target.sites = " + target.host() + ":" + target.port(),
                "dolphindb.clusters.target.password = " + target.password(),
                "ddbsync.stateDir = " + work.resolve("state")));
        lines.addAll(java.util.List.of(jobLines));
        return lines;
    }

    /** The copy-files backup directory an offline job keeps on the source host (BackupPlan's layout). */
    static Path filesBackup(Path backupRoot, String job) {
        return backupRoot.resolve(job).resolve("files");
    }

    /** The largest data file (not a record) of a backed-up partition's entry, found by the test's own getBackupList. */
    static Path dataFileOf(TestCluster cluster, Path backupDir, String db, String partition) throws IOException {
        BasicTable list = (BasicTable) cluster.run("getBackupList('" + backupDir + "', '" + db + "', 'mt')");
        String chunkId = null;
        for (int r = 0; r < list.rows(); r++) {
            if (list.getColumn("chunkPath").getString(r).contains(partition + "/")) chunkId = list.getColumn("chunkID").getString(r);
        }
        assertNotNull(chunkId, partition + " is in the backup " + backupDir + ": " + list.getString());
        return largestFile(backupDir.resolve(db.substring("dfs://".length())).resolve(TABLE).resolve(chunkId));
    }

    /** The largest regular file under dir: a column's data, not a small record. */
    static Path largestFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("MANIFEST.sha256"))
                    .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow(() -> new AssertionError("no file under " + dir));
        }
    }

    /** Flips the bits of a few bytes in the middle of a file, keeping its size (damage a metadata check cannot see). */
    static void flipBytes(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 16, file + " is big enough to damage");
        for (int i = bytes.length / 2; i < bytes.length / 2 + 8; i++) bytes[i] = (byte) ~bytes[i];
        Files.write(file, bytes);
    }

    /** Cuts a file to half its size. */
    static void truncate(Path file) throws IOException {
        long size = Files.size(file);
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size / 2);
        }
    }

    /** Partitions checkBackup (run by the test on that cluster) finds damaged in a backup directory. */
    static BasicTable checkBackup(TestCluster cluster, Path backupDir, String db) throws IOException {
        return (BasicTable) cluster.run("checkBackup('" + backupDir + "', '" + db + "', 'mt')");
    }
}
