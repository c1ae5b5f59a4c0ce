package io.ddbsync.standin.backup;

import io.ddbsync.standin.OneClusterTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.ddbsync.standin.backup.BackupTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** Incremental backup and restore: what force=false skips, what it counts, and how deletions travel. */
class BackupIncrementalTest extends OneClusterTest {
    @AfterEach
    void deleteBackupDirs() {
        deleteTempDirs();
    }

    @Test
    void copyFilesBackupCountsOnlyPartitionsThatChanged() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("inc-cf-");
        String backup = "backup(" + q(dir) + ", \"dfs://compoDB\")";
        assertEquals(10, intOf(conn.run(backup)));
        assertEquals(0, intOf(conn.run(backup)), "nothing changed");
        // new rows in one partition
        conn.run("pt.append!(table(7 as ID, 2017.08.08 as date, 1.5 as x))");
        assertEquals(1, intOf(conn.run(backup)));
        // rows deleted from two partitions (one of each date range)
        conn.run("delete from pt where date = 2017.08.09 and ID < 5");
        conn.run("delete from pt where date = 2017.08.10 and ID > 95");
        assertEquals(2, intOf(conn.run(backup)));
        // force copies everything again
        assertEquals(10, intOf(conn.run("backup(" + q(dir) + ", \"dfs://compoDB\", true)")));
        // the backup holds the current rows
        conn.run("temp = db.createPartitionedTable(t, `temp, `date`ID)");
        conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true, temp)");
        assertEquals(count(conn, "dfs://compoDB", "pt"), longOf(conn.run("exec count(*) from temp")));
        assertEquals(conn.run("exec sum(x) from pt").getString(), conn.run("exec sum(x) from temp").getString());
    }

    @Test
    void copyFilesBackupPropagatesDroppedPartitionsOnlyWithSnapshot() throws Exception {
        assumeLocalDisk(cluster);
        conn.run(COMPO_DB);
        Path dir = tempDir("inc-drop-");
        assertEquals(10, intOf(conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")")));
        conn.run("db.dropPartition(\"/20170807/0_50\", `pt)");
        assertEquals(0, intOf(conn.run("backup(backupDir=" + q(dir) + ", dbPath=\"dfs://compoDB\", snapshot=false)")));
        assertEquals(10, entries(dir, "compoDB", "pt").size(), "snapshot=false keeps the dropped partition");
        assertEquals(0, intOf(conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")")), "deleting is not counted as a partition backed up");
        assertEquals(9, entries(dir, "compoDB", "pt").size(), "snapshot (the default) removes it");
        // a dropped table leaves the backup of the database too
        conn.run("pt1 = db.createPartitionedTable(t, `pt1, `date`ID); pt1.append!(t)");
        assertEquals(10, intOf(conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")")));
        conn.run("dropTable(db, `pt1)");
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")");
        assertFalse(java.nio.file.Files.exists(dir.resolve("compoDB").resolve("pt1")));
    }

    @Test
    void sqlBackupCountsNewAndModifiedPartitionsAndNeverDeletes() throws Exception {
        assumeLocalDisk(cluster);
        conn.run(COMPO_DB);
        Path dir = tempDir("inc-sql-");
        String firstDays = "backup(" + q(dir) + ", <select * from loadTable(\"dfs://compoDB\", `pt) where date <= 2017.08.08>)";
        String allDays = "backup(" + q(dir) + ", <select * from loadTable(\"dfs://compoDB\", `pt)>)";
        assertEquals(4, intOf(conn.run(firstDays)));
        // as the manual's example: a later backup of every day writes only the partitions not backed up yet
        assertEquals(6, intOf(conn.run(allDays)));
        assertEquals(0, intOf(conn.run(allDays)));
        conn.run("pt.append!(table(60 as ID, 2017.08.11 as date, 2.5 as x))");
        assertEquals(1, intOf(conn.run(allDays)));
        conn.run("db.dropPartition(\"/20170811/0_50\", `pt)");
        assertEquals(0, intOf(conn.run(allDays)));
        assertEquals(10, entries(dir, "compoDB", "pt").size(), "a SQL backup keeps partitions dropped from the source");
        assertEquals(9, intOf(conn.run("backup(" + q(dir) + ", <select * from loadTable(\"dfs://compoDB\", `pt)>, true)")),
                "force writes every partition that has rows");
    }

    @Test
    void incrementalRestoreRewritesOnlyPartitionsThatDiffer() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("inc-restore-");
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")");
        String restore = "restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\")";
        assertEquals(0, conn.run(restore).rows(), "the table equals its backup");
        long before = count(conn, "dfs://compoDB", "pt");
        conn.run("delete from pt where date = 2017.08.09 and ID < 50");
        conn.run("pt.append!(table(77 as ID, 2017.08.10 as date, 9.5 as x))");
        assertEquals(2, conn.run(restore).rows());
        assertEquals(before, count(conn, "dfs://compoDB", "pt"), "a copy-files restore overwrites, it doesn't append");
        assertEquals(0, conn.run(restore).rows());
        assertEquals(10, conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true)").rows(), "force restores all");
        assertEquals(before, count(conn, "dfs://compoDB", "pt"));
    }

    /** SYMBOL and STRING columns are compared by their text: a changed symbol, a changed string, an empty one. */
    @Test
    void incrementalRestoreComparesSymbolAndStringColumnsByTheirText() throws Exception {
        conn.run("""
                if (existsDatabase("dfs://symDB")) dropDatabase("dfs://symDB")
                db = database("dfs://symDB", VALUE, 1..4)
                t = table(1 1 2 2 3 3 4 4 as k, `a`b`c`d`e`f`g`h as sym, ["x", "", "y", "z", "w", "v", "", "u"] as s)
                db.createPartitionedTable(t, `st, `k).append!(t)
                """);
        Path dir = tempDir("inc-restore-sym-");
        conn.run("backup(" + q(dir) + ", \"dfs://symDB\")");
        String restore = "restore(" + q(dir) + ", \"dfs://symDB\", `st, \"%\")";
        assertEquals(0, conn.run(restore).rows(), "the table equals its backup");
        String table = "loadTable(\"dfs://symDB\", `st)";
        conn.run("delete from " + table + " where k in 2 3 4");
        conn.run(table + ".append!(table(2 2 3 3 4 4 as k, `c`q`e`f`g`h as sym, [\"y\", \"z\", \"w\", \"V\", \" \", \"u\"] as s))");
        assertEquals(3, conn.run(restore).rows(), "a symbol, a string and an empty string changed");
        assertEquals(0, conn.run(restore).rows());
        assertEquals(8, count(conn, "dfs://symDB", "st"), "the changed partitions replaced, not appended to");
    }

    @Test
    void restoreSnapshotDropsTargetPartitionsMissingFromTheBackup() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("inc-restore-snap-");
        conn.run("backup(backupDir=" + q(dir) + ", dbPath=\"dfs://compoDB\", partition=2017.08.07)");
        long all = count(conn, "dfs://compoDB", "pt");
        long firstDay = longOf(conn.run("exec count(*) from pt where date = 2017.08.07"));
        conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true)");
        assertEquals(all, count(conn, "dfs://compoDB", "pt"), "snapshot is false by default (3.00)");
        conn.run("restore(backupDir=" + q(dir) + ", dbPath=\"dfs://compoDB\", tableName=`pt, partition=\"%\", force=true, snapshot=true)");
        assertEquals(firstDay, count(conn, "dfs://compoDB", "pt"), "snapshot=true drops what the backup lacks");
    }
}
