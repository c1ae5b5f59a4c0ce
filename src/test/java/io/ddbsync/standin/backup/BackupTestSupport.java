package io.ddbsync.standin.backup;

import com.xxdb.DBConnection;
import com.xxdb.data.*;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.standin.dfs.Storage;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scripts and helpers shared by the backup tests. */
final class BackupTestSupport {
    private BackupTestSupport() {
    }

    /** The manual's dfs://compoDB (VALUE date x RANGE ID), with fewer rows so tests stay fast. */
    static final String COMPO_DB = """
            n=10000
            ID=rand(100, n)
            dates=2017.08.07..2017.08.11
            date=rand(dates, n)
            x=rand(10.0, n)
            t=table(ID, date, x)
            dbDate = database(, VALUE, 2017.08.07..2017.08.11)
            dbID = database(, RANGE, 0 50 100)
            if (existsDatabase("dfs://compoDB")) dropDatabase("dfs://compoDB")
            db = database("dfs://compoDB", COMPO, [dbDate, dbID])
            pt = db.createPartitionedTable(t, `pt, `date`ID)
            pt.append!(t)
            """;

    /** The manual's dfs://compoDB2 (VALUE date x HASH on INT x, 20 buckets) with two tables. */
    static final String COMPO_DB2 = """
            dbName = "dfs://compoDB2"
            n=1000
            ID=rand("a"+string(1..10), n)
            dates=2017.08.07..2017.08.11
            date=rand(dates, n)
            x=rand(10, n)
            t=table(ID, date, x)
            db1 = database(, VALUE, 2017.08.07..2017.08.11)
            db2 = database(, HASH, [INT, 20])
            if (existsDatabase(dbName)) dropDatabase(dbName)
            db = database(dbName, COMPO, [db1, db2])
            pt1 = db.createPartitionedTable(t, `pt1, `date`x).append!(t)
            pt2 = db.createPartitionedTable(t, `pt2, `date`x).append!(t)
            """;

    /**
     * Tests that read, copy or damage backup files themselves need the server's disk: a stand-in,
     * or a real DolphinDB on this machine (DDB_TEST_HOST=127.0.0.1).
     */
    static void assumeLocalDisk(TestCluster... clusters) {
        for (TestCluster c : clusters) {
            Assumptions.assumeTrue(c.isStandIn() || c.host().equals("127.0.0.1") || c.host().equals("localhost"),
                    "reads the backup files on the server's disk");
        }
    }

    /**
     * Checks an error text the manual doesn't document (the stand-in's own wording) on stand-ins only;
     * against a real server the test still requires the error, not its words.
     */
    static void assertStandInText(TestCluster cluster, String text, String... parts) {
        if (cluster.isStandIn()) assertContains(text, parts);
    }

    /** What tempDir made since the last deleteTempDirs. */
    private static final List<Path> TEMP_DIRS = new ArrayList<>();

    static Path tempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        TEMP_DIRS.add(dir);
        return dir;
    }

    /** Deletes what tempDir made; the test classes call it after each test. */
    static void deleteTempDirs() {
        for (Path dir : TEMP_DIRS) {
            try {
                Storage.deleteTree(dir);
            } catch (IOException e) {
                // a real server's backup files may not be ours to delete; no reason to fail a test
            }
        }
        TEMP_DIRS.clear();
    }

    /** A path as a DolphinDB string literal. */
    static String q(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\") + "\"";
    }

    static int intOf(Entity e) {
        return (int) longOf(e);
    }

    static long longOf(Entity e) {
        try {
            return ((Scalar) e).getNumber().longValue();
        } catch (Exception ex) {
            throw new AssertionError("not a number: " + e.getString(), ex);
        }
    }

    static List<String> strings(Entity e) {
        Vector v = (Vector) e;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.rows(); i++) out.add(v.getString(i));
        return out;
    }

    static long count(DBConnection c, String db, String table) throws IOException {
        return longOf(c.run("exec count(*) from loadTable(\"" + db + "\", `" + table + ")"));
    }

    /** Recursive copy, as cp -r / rsync would move a backup directory to another host. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    /** The entries (partition directories or .bin files) of one table's backup. */
    static List<Path> entries(Path backupDir, String db, String table) throws IOException {
        try (Stream<Path> s = Files.list(backupDir.resolve(db).resolve(table))) {
            return s.filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().equals("domain")).sorted().toList();
        }
    }

    /** Asserts two tables hold the same columns and the same rows in the same order, value by value. */
    static void assertSameTable(BasicTable expected, BasicTable actual) {
        assertEquals(expected.columns(), actual.columns(), "columns");
        assertEquals(expected.rows(), actual.rows(), "rows");
        for (int c = 0; c < expected.columns(); c++) {
            Vector e = expected.getColumn(c), a = actual.getColumn(c);
            assertEquals(expected.getColumnName(c), actual.getColumnName(c));
            assertEquals(e.getDataType(), a.getDataType(), "type of " + expected.getColumnName(c));
            for (int r = 0; r < expected.rows(); r++) {
                assertEquals(e.isNull(r), a.isNull(r), "NULL at row " + r + " of " + expected.getColumnName(c));
                assertEquals(e.getString(r), a.getString(r), "row " + r + " of " + expected.getColumnName(c));
            }
        }
    }

    static void assertContains(String text, String... parts) {
        for (String p : parts) assertTrue(text.contains(p), () -> "expected <" + p + "> in: " + text);
    }

    static List<String> sorted(List<String> s) {
        String[] a = s.toArray(new String[0]);
        Arrays.sort(a);
        return List.of(a);
    }
}
