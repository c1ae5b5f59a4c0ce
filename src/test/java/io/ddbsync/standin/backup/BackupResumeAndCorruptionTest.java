package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
import io.ddbsync.standin.OneClusterTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static io.ddbsync.standin.backup.BackupTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What is left on disk after an interrupted backup, how a re-run resumes, and how damaged backup
 * files are found by checkBackup and refused by restore without touching the target.
 */
class BackupResumeAndCorruptionTest extends OneClusterTest {
    @BeforeAll
    static void onLocalDisk() {
        assumeLocalDisk(cluster);
    }

    @AfterEach
    void deleteBackupDirs() {
        deleteTempDirs();
    }

    private static Path tableDir(Path dir) {
        return dir.resolve("compoDB").resolve("pt");
    }

    /** The entry of a partition, found through getBackupList's chunk ID. */
    private static Path entryOf(Path dir, String partitionSuffix, String suffix) throws IOException {
        BasicTable list = (BasicTable) conn.run("getBackupList(" + q(dir) + ", \"dfs://compoDB\", `pt)");
        for (int i = 0; i < list.rows(); i++) {
            String chunkPath = list.getColumn("chunkPath").getString(i);
            if (chunkPath.contains(partitionSuffix + "/")) return tableDir(dir).resolve(list.getColumn("chunkID").getString(i) + suffix);
        }
        throw new AssertionError("no partition " + partitionSuffix);
    }

    private static void truncate(Path file, long by) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - by);
        }
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
    }

    @Test
    void rerunningAnInterruptedCopyFilesBackupResumes() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("resume-");
        String backup = "backup(" + q(dir) + ", \"dfs://compoDB\")";
        assertEquals(10, intOf(conn.run(backup)));
        // simulate a backup killed after 7 partitions, in the middle of the 8th:
        // two partitions never reached, one half-written under its temporary name
        Path never1 = entryOf(dir, "/20170811/0_50", "");
        Path never2 = entryOf(dir, "/20170811/50_100", "");
        Path halfWritten = entryOf(dir, "/20170810/50_100", "");
        BackupLayout.deleteTree(never1);
        BackupLayout.deleteTree(never2);
        Path tmp = halfWritten.resolveSibling(halfWritten.getFileName() + ".tmp");
        Files.move(halfWritten, tmp);
        truncate(tmp.resolve("x.col"), 100);
        // ... and one complete-looking partition whose file lost its tail after it was renamed (disk trouble)
        Path damaged = entryOf(dir, "/20170807/0_50", "");
        truncate(damaged.resolve("ID.col"), 8);

        // what is left never passes for a whole partition: getBackupList shows 7, the temporary is not an entry
        assertEquals(7, ((BasicTable) conn.run("getBackupList(" + q(dir) + ", \"dfs://compoDB\", `pt)")).rows());
        // the re-run writes exactly the missing and incomplete partitions, and cleans up
        assertEquals(4, intOf(conn.run(backup)));
        assertEquals(0, intOf(conn.run(backup)));
        try (Stream<Path> s = Files.list(tableDir(dir))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporaries removed");
        }
        assertEquals(0, ((BasicTable) conn.run("checkBackup(" + q(dir) + ", \"dfs://compoDB\")")).rows());
        conn.run("temp = db.createPartitionedTable(t, `temp, `date`ID)");
        assertEquals(10, conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true, temp)").rows());
        assertEquals(conn.run("exec sum(x) from pt").getString(), conn.run("exec sum(x) from temp").getString());
    }

    @Test
    void checkBackupListsDamagedPartitionsAndRestoreRefusesThem() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("corrupt-");
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")");
        assertEquals(0, ((BasicTable) conn.run("checkBackup(" + q(dir) + ", \"dfs://compoDB\", `pt)")).rows());
        Path altered = entryOf(dir, "/20170808/50_100", "");
        Path truncated = entryOf(dir, "/20170809/0_50", "");
        flipByte(altered.resolve("x.col"), 40);
        truncate(truncated.resolve("date.col"), 4);

        BasicTable bad = (BasicTable) conn.run("checkBackup(" + q(dir) + ", \"dfs://compoDB\")");
        assertEquals(2, bad.rows());
        assertEquals(List.of("/20170808/50_100", "/20170809/0_50"), strings(bad.getColumn("partitionPath")));
        assertEquals(List.of("dfs://compoDB", "dfs://compoDB"), strings(bad.getColumn("dbName")));
        assertEquals(List.of("pt", "pt"), strings(bad.getColumn("tableName")));
        assertEquals(altered.getFileName().toString(), bad.getColumn("chunkID").getString(0));
        assertTrue(bad.getColumn("chunkPath").getString(0).startsWith("/compoDB/20170808/50_100/"));
        assertEquals(1, ((BasicTable) conn.run("checkBackup(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%20170809%\")")).rows());

        // the target table changes after the backup; a restore that meets damage must leave it as it is
        conn.run("delete from pt where date = 2017.08.07");
        String before = conn.run("select count(*), sum(x) from pt").getString();
        IOException e = assertThrows(IOException.class, () -> conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true)"));
        assertContains(e.getMessage(), "/20170808/50_100", "/20170809/0_50", "corrupted", "Nothing was restored");
        assertEquals(before, conn.run("select count(*), sum(x) from pt").getString());
        // a pattern that leaves the damaged partitions out restores fine
        assertEquals(2, conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%20170807%\", true)").rows());

        // an incremental backup reads metadata only: it re-copies the truncated file (its size no longer
        // matches the record) but can't see same-size damage; force repairs that
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")");
        BasicTable left = (BasicTable) conn.run("checkBackup(" + q(dir) + ", \"dfs://compoDB\")");
        assertEquals(List.of("/20170808/50_100"), strings(left.getColumn("partitionPath")));
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\", true)");
        assertEquals(0, ((BasicTable) conn.run("checkBackup(" + q(dir) + ", \"dfs://compoDB\")")).rows());
    }

    /**
     * restore with parallel=true reads, checks and compares the partitions on a pool of workers:
     * it must refuse a damaged backup exactly as one after another does (the same message, every
     * damaged partition named in partition order) and leave the target as it was; restoreDB,
     * always parallel, too. Each kind of damage: a flipped byte, a missing file, a lost tail.
     */
    private static String serverMessage(IOException e) {
        String m = e.getMessage();
        return m.contains(" script: ") ? m.substring(0, m.indexOf(" script: ")) : m;
    }

    @Test
    void aParallelRestoreRefusesDamageAsTheSequentialOneDoes() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("corrupt-parallel-");
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\", parallel=true)");
        flipByte(entryOf(dir, "/20170811/50_100", "").resolve("x.col"), 40);
        Files.delete(entryOf(dir, "/20170807/0_50", "").resolve("ID.col"));
        truncate(entryOf(dir, "/20170809/50_100", "").resolve("date.col"), 4);

        conn.run("delete from pt where date = 2017.08.08");
        String before = conn.run("select count(*), sum(x) from pt group by date, ID").getString();
        String restore = "restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true, , ";
        IOException sequential = assertThrows(IOException.class, () -> conn.run(restore + "false)"));
        IOException parallel = assertThrows(IOException.class, () -> conn.run(restore + "true)"));
        // the client appends the script it ran to the server's message: compared without it
        assertEquals(serverMessage(sequential), serverMessage(parallel));
        assertContains(parallel.getMessage(), "Nothing was restored", "ID.col is missing", "checksum of its file x.col", "date.col has");
        String msg = parallel.getMessage();
        assertTrue(msg.indexOf("/20170807/0_50") < msg.indexOf("/20170809/50_100") && msg.indexOf("/20170809/50_100") < msg.indexOf("/20170811/50_100"), msg);
        IOException whole = assertThrows(IOException.class, () -> conn.run("restoreDB(" + q(dir) + ", \"dfs://compoDB\")"));
        assertContains(whole.getMessage(), "/20170807/0_50", "/20170809/50_100", "/20170811/50_100", "Nothing was restored");
        assertEquals(before, conn.run("select count(*), sum(x) from pt group by date, ID").getString());

        // repaired, both restore every partition the same way
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\", true, true)");
        conn.run("temp1 = db.createPartitionedTable(t, `temp1, `date`ID); temp2 = db.createPartitionedTable(t, `temp2, `date`ID)");
        conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true, temp1, false)");
        conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true, temp2, true)");
        String expected = conn.run("select count(*), sum(x) from pt group by date, ID").getString();
        assertEquals(expected, conn.run("select count(*), sum(x) from temp1 group by date, ID").getString());
        assertEquals(expected, conn.run("select count(*), sum(x) from temp2 group by date, ID").getString());
    }

    /**
     * An entry written by the first format, which recorded SHA-256s (docs/standin-backup.md): read as
     * damaged, so checkBackup lists it and the next incremental backup writes it again.
     */
    @Test
    void anEntryOfTheFirstFormatIsReportedAndRewrittenByTheNextBackup() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("first-format-");
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")");
        Path entry = entryOf(dir, "/20170808/0_50", "");
        Path record = entry.resolve("_chunkMeta");
        StringBuilder body = new StringBuilder();
        for (String line : Files.readAllLines(record)) {
            if (line.startsWith("checksum=")) continue;
            if (line.startsWith("format=")) line = "format=ddbsync-standin-backup-chunk/1";
            if (line.startsWith("file=")) {
                String[] sizeSumName = line.substring("file=".length()).split(" ", 3);
                line = "file=" + sizeSumName[0] + " " + sha256(Files.readAllBytes(entry.resolve(sizeSumName[2]))) + " " + sizeSumName[2];
            }
            body.append(line).append('\n');
        }
        Files.writeString(record, body + "checksum=" + sha256(body.toString().getBytes(StandardCharsets.UTF_8)) + "\n");

        BasicTable listed = (BasicTable) conn.run("checkBackup(" + q(dir) + ", \"dfs://compoDB\")");
        // a record it can't read no longer tells its partition: listed by chunk ID
        assertEquals(List.of(entry.getFileName().toString()), strings(listed.getColumn("chunkID")));
        assertEquals(1, intOf(conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")")));
        assertEquals(0, ((BasicTable) conn.run("checkBackup(" + q(dir) + ", \"dfs://compoDB\")")).rows());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aDamagedTableMetadataFileIsReportedAndRewrittenByTheNextBackup() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("corrupt-meta-");
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")");
        truncate(tableDir(dir).resolve("_metaData"), 30);
        IOException e = assertThrows(IOException.class, () -> conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\")"));
        assertContains(e.getMessage(), "_metaData", "unreadable");
        // entries can't be trusted against a metadata file that can't be read: the backup copies them all again
        assertEquals(10, intOf(conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")")));
        assertEquals(0, conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\")").rows());
    }

    @Test
    void damagedSqlBackupFilesAndRecordsAreFoundToo() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("corrupt-sql-");
        conn.run("backup(" + q(dir) + ", <select * from loadTable(\"dfs://compoDB\", `pt)>)");
        Path truncated = entryOf(dir, "/20170810/0_50", ".bin");
        Path altered = entryOf(dir, "/20170811/0_50", ".bin");
        truncate(truncated, 10);
        flipByte(altered, Files.size(altered) - 20);
        BasicTable bad = (BasicTable) conn.run("checkBackup(" + q(dir) + ", \"dfs://compoDB\", `pt)");
        assertEquals(List.of("/20170810/0_50", "/20170811/0_50"), strings(bad.getColumn("partitionPath")));
        IOException load = assertThrows(IOException.class,
                () -> conn.run("loadBackup(" + q(dir) + ", \"dfs://compoDB\", \"/20170810/0_50\", `pt)"));
        assertContains(load.getMessage(), "corrupted");

        // a record altered by hand is damage as well: the entry is listed even though its partition can't be trusted
        Path record = entryOf(dir, "/20170807/0_50", ".bin");
        flipByte(record, 20);
        BasicTable worse = (BasicTable) conn.run("checkBackup(" + q(dir) + ", \"dfs://compoDB\")");
        assertEquals(3, worse.rows());
        assertTrue(strings(worse.getColumn("chunkID")).contains(record.getFileName().toString().replace(".bin", "")));

        conn.run("temp = db.createPartitionedTable(t, `temp, `date`ID)");
        IOException e = assertThrows(IOException.class, () -> conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true, temp)"));
        assertContains(e.getMessage(), "/20170810/0_50", "corrupted");
        assertEquals(0, longOf(conn.run("exec count(*) from temp")), "nothing restored");
    }
}
