package io.ddbsync.standin.backup;

import com.xxdb.DBConnection;
import io.ddbsync.standin.OneClusterTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static io.ddbsync.standin.backup.BackupTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** The documented errors of the backup family, and the refusals where the manual names no text. */
class BackupErrorsTest extends OneClusterTest {
    @AfterEach
    void deleteBackupDirs() {
        deleteTempDirs();
    }

    private static String error(String script) {
        IOException e = assertThrows(IOException.class, () -> conn.run(script));
        return e.getMessage();
    }

    @Test
    void partitionsThatDoNotExistAreS01020() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("err-s01020-");
        String head = "backup(backupDir=" + q(dir) + ", dbPath=\"dfs://compoDB\", tableName=`pt, partition=";
        String text = "The specified partitions must already exist in the database. RefId:S01020";
        assertContains(error(head + "\"/20170812/0_50\")"), text);
        assertContains(error(head + "[\"/20170807/0_50\", \"/20170807/100_150\"])"), text);
        assertContains(error(head + "2017.08.20)"), text);
        conn.run("db.dropPartition(\"/20170807/0_50\", `pt)");
        assertContains(error(head + "\"/20170807/0_50\")"), text);
        assertEquals(1, intOf(conn.run(head + "\"/20170807/50_100\")")));
    }

    @Test
    void oneBackupDirectoryKeepsToOneMethodS01022() throws Exception {
        conn.run(COMPO_DB);
        Path sql = tempDir("err-s01022-");
        conn.run("backup(" + q(sql) + ", <select * from loadTable(\"dfs://compoDB\", `pt)>)");
        assertContains(error("backup(" + q(sql) + ", \"dfs://compoDB\")"),
                "Cannot back up the partitions to the specified backupDir as back up files created with SQL statement already exist in the directory. RefId:S01022");
        Path files = tempDir("err-s01022b-");
        conn.run("backupDB(" + q(files) + ", \"dfs://compoDB\")");
        assertStandInText(cluster, error("backup(" + q(files) + ", <select * from loadTable(\"dfs://compoDB\", `pt)>)"),
                "Cannot back up with a SQL statement to the specified backupDir", "by copying partitions");
    }

    @Test
    void restoreIntoATableWithAnotherSchemaOrPartitioningNamesBothSides() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("err-schema-");
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")");
        conn.run("other = db.createPartitionedTable(table(1:0, `ID`date`x, [INT, DATE, FLOAT]), `other, `date`ID)");
        assertStandInText(cluster, error("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true, other)"),
                "schema", "dfs://compoDB/pt", "[ID INT, date DATE, x DOUBLE]", "dfs://compoDB/other", "[ID INT, date DATE, x FLOAT]");

        conn.run("""
                if (existsDatabase("dfs://rangeDB")) dropDatabase("dfs://rangeDB")
                rdb = database("dfs://rangeDB", RANGE, 0 50 100)
                ranged = rdb.createPartitionedTable(t, `pt, `ID)
                """);
        assertStandInText(cluster, error("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true, ranged)"),
                "partitioning", "dfs://compoDB/pt", "VALUE(DATE", "dfs://rangeDB/pt", "RANGE(INT");

        conn.run("""
                if (existsDatabase("dfs://shortDB")) dropDatabase("dfs://shortDB")
                sdb = database("dfs://shortDB", COMPO, [database("", VALUE, 2017.08.07..2017.08.09), database("", RANGE, 0 50 100)])
                short = sdb.createPartitionedTable(t, `pt, `date`ID)
                """);
        assertStandInText(cluster, error("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\", true, short)"),
                "must be a subset", "dfs://shortDB", "20170810", "20170811");
        assertEquals(0, longOf(conn.run("exec count(*) from short")), "nothing restored");
    }

    @Test
    void restoreNeedsTheDatabaseWhileRestoreDBCreatesIt() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("err-nodb-");
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")");
        conn.run("dropDatabase(\"dfs://compoDB\")");
        assertStandInText(cluster, error("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\")"),
                "The database [dfs://compoDB] does not exist", "restoreDB");
        conn.run("restoreDB(" + q(dir) + ", \"dfs://compoDB\")");
        assertEquals(10000, count(conn, "dfs://compoDB", "pt"));
    }

    @Test
    void functionsRefuseTheOtherKindOfBackup() throws Exception {
        conn.run(COMPO_DB);
        Path files = tempDir("err-kind-");
        Path sql = tempDir("err-kind-sql-");
        conn.run("backup(" + q(files) + ", \"dfs://compoDB\")");
        conn.run("backup(" + q(sql) + ", <select * from loadTable(\"dfs://compoDB\", `pt)>)");
        assertStandInText(cluster, error("loadBackup(" + q(files) + ", \"dfs://compoDB\", \"/20170807/0_50\", `pt)"), "loadBackup only loads backups made with a SQL statement");
        assertStandInText(cluster, error("restoreDB(" + q(sql) + ", \"dfs://compoDB\")"), "restoreDB only restores backups made by copying files");
        assertStandInText(cluster, error("restoreTable(" + q(sql) + ", \"dfs://compoDB\", `pt)"), "restoreTable only restores backups made by copying files");
        assertStandInText(cluster, error("restore(backupDir=" + q(sql) + ", dbPath=\"dfs://compoDB\", tableName=`pt, partition=\"%\", snapshot=true)"), "snapshot");
        assertStandInText(cluster, error("getBackupMeta(" + q(files) + ", \"dfs://compoDB\", \"/20170812/0_50\", `pt)"), "/20170812/0_50", "is not in the backup");
        assertStandInText(cluster, error("restore(" + q(files) + ", \"dfs://compoDB\", `nosuch, \"%\")"), "There is no backup of table dfs://compoDB/nosuch");
        assertStandInText(cluster, error("backup(" + q(files) + ", \"dfs://compoDB\", keyPath=\"/tmp/key\")"), "keyPath");
    }

    @Test
    void backupAndRestoreNeedALoggedInUser() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("err-login-");
        conn.run("backup(" + q(dir) + ", \"dfs://compoDB\")");
        DBConnection guest = new DBConnection();
        assertTrue(guest.connect(cluster.host(), cluster.port()));
        try {
            IOException e = assertThrows(IOException.class, () -> guest.run("backup(" + q(tempDir("err-guest-")) + ", \"dfs://compoDB\")"));
            assertContains(e.getMessage(), "Not granted to read table dfs://compoDB/pt");
            IOException r = assertThrows(IOException.class, () -> guest.run("restore(" + q(dir) + ", \"dfs://compoDB\", `pt, \"%\")"));
            assertContains(r.getMessage(), "Not granted to write data to table dfs://compoDB/pt");
        } finally {
            guest.close();
        }
    }
}
