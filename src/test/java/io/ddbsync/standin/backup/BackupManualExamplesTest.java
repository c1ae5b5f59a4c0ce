package io.ddbsync.standin.backup;

import com.xxdb.data.*;
import io.ddbsync.standin.OneClusterTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ddbsync.standin.backup.BackupTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** The examples of the manual's backup/restore pages, with the results they document. */
class BackupManualExamplesTest extends OneClusterTest {
    private static final String[] ALL_COMPO = {"/20170807/0_50", "/20170807/50_100", "/20170808/0_50", "/20170808/50_100",
            "/20170809/0_50", "/20170809/50_100", "/20170810/0_50", "/20170810/50_100", "/20170811/0_50", "/20170811/50_100"};

    @AfterEach
    void deleteBackupDirs() {
        deleteTempDirs();
    }

    /** dfs://compoDB chunk paths of a table, "dfs://compoDB/20170807/0_50/<physical index>". */
    private static List<String> chunkPaths(String table, String... partitions) throws Exception {
        String index = ((Vector) conn.run("exec physicalIndex from listTables(\"dfs://compoDB\") where tableName=`" + table)).getString(0);
        List<String> out = new ArrayList<>();
        for (String p : partitions) out.add("dfs://compoDB" + p + "/" + index);
        return out;
    }

    @Test
    void sqlBackupOfTheWholeTableAndOfTheLastDay() throws Exception {
        assumeLocalDisk(cluster);
        conn.run(COMPO_DB);
        Path dir = tempDir("bk-sql-");
        assertEquals(10, intOf(conn.run("backup(backupDir=" + q(dir) + ", sqlObj=<select * from loadTable(\"dfs://compoDB\",\"pt\")>, force=true)")));
        Path dir2 = tempDir("bk-sql2-");
        assertEquals(2, intOf(conn.run("backup(backupDir=" + q(dir2) + ", sqlObj=<select * from loadTable(\"dfs://compoDB\",\"pt\") where date>2017.08.10>, force=true)")));
        // on disk: backupDir/<db>/<table>/ with _metaData, domain and one <chunkID>.bin per partition
        Path tableDir = dir2.resolve("compoDB").resolve("pt");
        assertTrue(Files.isRegularFile(tableDir.resolve("_metaData")));
        assertTrue(Files.isRegularFile(tableDir.resolve("domain")));
        List<Path> entries = entries(dir2, "compoDB", "pt");
        assertEquals(2, entries.size());
        for (Path e : entries) assertTrue(e.getFileName().toString().matches("[0-9a-f-]{36}\\.bin"), e.toString());

        BasicTable list = (BasicTable) conn.run("getBackupList(" + q(dir) + ", \"dfs://compoDB\", \"pt\")");
        assertEquals(List.of("chunkID", "chunkPath", "cid", "rows", "updateTime"), columnNames(list));
        assertEquals(chunkPaths("pt", ALL_COMPO), strings(list.getColumn("chunkPath")));
        long rows = 0;
        for (int i = 0; i < list.rows(); i++) rows += ((BasicLongVector) list.getColumn("rows")).getLong(i);
        assertEquals(count(conn, "dfs://compoDB", "pt"), rows);
        assertEquals(Entity.DATA_TYPE.DT_TIMESTAMP, list.getColumn("updateTime").getDataType());
        // the chunk IDs are the partitions' own, as getTabletsMeta reports them
        BasicTable tablets = (BasicTable) conn.run("getTabletsMeta(\"/compoDB/%\", `pt, true, -1)");
        assertEquals(sorted(strings(tablets.getColumn("chunkId"))), sorted(strings(list.getColumn("chunkID"))));
    }

    @Test
    void copyFilesBackupByPartitionPathsAndByFilters() throws Exception {
        assumeLocalDisk(cluster);
        conn.run(COMPO_DB);
        String db = "\"dfs://compoDB\"";
        Path dir = tempDir("bk-cf-");
        String head = "backup(backupDir=" + q(dir) + ", dbPath=" + db + ", force=true, tableName=`pt, partition=";
        assertEquals(1, intOf(conn.run(head + "[\"/20170807/0_50\"])")));
        assertEquals(2, intOf(conn.run(head + "2017.08.09)")));
        assertEquals(5, intOf(conn.run(head + "[\"/20170807/0_50\",\"/20170808/0_50\",\"/20170809/0_50\",\"/20170810/0_50\",\"/20170811/0_50\"])")));
        assertEquals(1, intOf(conn.run(head + "[2017.08.07, 50])")));
        assertEquals(5, intOf(conn.run(head + "[,[0]])")));
        // on disk: one directory per partition, one file per column beside the partition's record
        List<Path> entries = entries(dir, "compoDB", "pt");
        assertEquals(7, entries.size());
        for (Path e : entries) {
            assertTrue(Files.isDirectory(e), e.toString());
            for (String f : List.of("ID.col", "date.col", "x.col", "_chunkMeta")) assertTrue(Files.isRegularFile(e.resolve(f)), e.resolve(f).toString());
        }
        // with a second table the whole database is 20 partitions
        conn.run("pt1 = db.createPartitionedTable(t, `pt1, `date`ID); pt1.append!(t)");
        assertEquals(20, intOf(conn.run("backup(backupDir=" + q(tempDir("bk-cf-db-")) + ", dbPath=" + db + ", force=true)")));
    }

    @Test
    void restoreReturnsTheRestoredChunkPathsAndAppendsSqlBackups() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("bk-restore-");
        assertEquals(10, intOf(conn.run("backup(\"" + dir + "\", <select * from loadTable(\"dfs://compoDB\",\"pt\")>, true)")));
        long rows = count(conn, "dfs://compoDB", "pt");
        String restore = "restore(" + q(dir) + ", \"dfs://compoDB\", \"pt\", ";
        assertEquals(chunkPaths("pt", ALL_COMPO), strings(conn.run(restore + "\"%\", true)")));
        // restoring a SQL backup appends its rows
        assertEquals(2 * rows, count(conn, "dfs://compoDB", "pt"));
        assertEquals(chunkPaths("pt", "/20170810/0_50", "/20170810/50_100"), strings(conn.run(restore + "\"%20170810%\", true)")));
        assertEquals(chunkPaths("pt", "/20170807/0_50"), strings(conn.run(restore + "\"/compoDB/20170807/0_50\", true)")));
        assertEquals(chunkPaths("pt", "/20170807/0_50"), strings(conn.run(restore + "\"%/20170807/0_50\", true)")));
        assertEquals(chunkPaths("pt", "/20170807/0_50", "/20170808/0_50", "/20170809/0_50"), strings(conn.run(restore + "\"%/2017080?/0_50\", true)")));
    }

    @Test
    void restoreIntoAnotherTableOfTheDatabase() throws Exception {
        conn.run(COMPO_DB);
        Path dir = tempDir("bk-temp-");
        conn.run("backup(" + q(dir) + ", <select * from loadTable(\"dfs://compoDB\",\"pt\")>, true)");
        conn.run("temp = db.createPartitionedTable(t, `temp, `date`ID)");
        assertEquals(chunkPaths("temp", ALL_COMPO), strings(conn.run("restore(" + q(dir) + ", \"dfs://compoDB\", \"pt\", \"%\", true, temp)")));
        assertEquals(count(conn, "dfs://compoDB", "pt"), longOf(conn.run("exec count(*) from temp")));
        assertEquals(10000, count(conn, "dfs://compoDB", "pt"), "the original table is untouched");
    }

    @Test
    void snapshotDecidesWhetherDroppedPartitionsLeaveTheBackup() throws Exception {
        conn.run(COMPO_DB);
        Path keep = tempDir("bk-keep-");
        Path mirror = tempDir("bk-mirror-");
        String db = "\"dfs://compoDB\"";
        assertEquals(10, intOf(conn.run("backup(backupDir=" + q(keep) + ", dbPath=" + db + ", force=true, tableName=`pt)")));
        assertEquals(10, intOf(conn.run("backup(backupDir=" + q(mirror) + ", dbPath=" + db + ", force=true, tableName=`pt)")));
        conn.run("db.dropPartition(\"/20170811/0_50\", `pt)");
        assertEquals(9, intOf(conn.run("backup(backupDir=" + q(keep) + ", dbPath=" + db + ", force=true, snapshot=false, tableName=`pt)")));
        assertEquals(9, intOf(conn.run("backup(backupDir=" + q(mirror) + ", dbPath=" + db + ", force=true, snapshot=true, tableName=`pt)")));
        assertEquals(chunkPaths("pt", ALL_COMPO), strings(conn.run("restore(backupDir=" + q(keep) + ", dbPath=" + db + ", tableName=`pt, partition=\"%\", force=true)")));
        // the restore brought the dropped partition back; drop it again and back up with snapshot
        conn.run("db.dropPartition(\"/20170811/0_50\", `pt)");
        List<String> nine = new ArrayList<>(chunkPaths("pt", ALL_COMPO));
        nine.remove(8);
        assertEquals(9, intOf(conn.run("backup(backupDir=" + q(mirror) + ", dbPath=" + db + ", force=true, snapshot=true, tableName=`pt)")));
        assertEquals(nine, strings(conn.run("restore(backupDir=" + q(mirror) + ", dbPath=" + db + ", tableName=`pt, partition=\"%\", force=true)")));
    }

    @Test
    void backupDBAndBackupTableThenRestoreDBAndRestoreTable() throws Exception {
        conn.run(COMPO_DB2);
        Path table = tempDir("bk-table-");
        Path whole = tempDir("bk-db-");
        assertEquals(50, intOf(conn.run("backupTable(" + q(table) + ", dbName, `pt1)")));
        assertEquals(100, intOf(conn.run("backupDB(" + q(whole) + ", dbName)")));
        // incremental: nothing changed, nothing copied
        assertEquals(0, intOf(conn.run("backupDB(" + q(whole) + ", dbName)")));

        BasicTable restored = (BasicTable) conn.run("restoreDB(" + q(whole) + ", dbName)");
        assertEquals(List.of("dbName", "tableName"), columnNames(restored));
        assertEquals(List.of("dfs://compoDB2", "dfs://compoDB2"), strings(restored.getColumn("dbName")));
        assertEquals(List.of("pt1", "pt2"), strings(restored.getColumn("tableName")));

        conn.run("dropDatabase(dbName)");
        BasicTable one = (BasicTable) conn.run("restoreTable(" + q(whole) + ", \"dfs://compoDB2\", `pt1)");
        assertEquals(List.of("dfs://compoDB2"), strings(one.getColumn("dbName")));
        assertEquals(List.of("pt1"), strings(one.getColumn("tableName")));
        assertEquals(1000, count(conn, "dfs://compoDB2", "pt1"));
        assertFalse(((BasicBoolean) conn.run("existsTable(\"dfs://compoDB2\", `pt2)")).getBoolean());

        // into a new database under a new name
        BasicTable renamed = (BasicTable) conn.run("restoreDB(" + q(whole) + ", \"dfs://compoDB2\", \"dfs://compoDB3\")");
        assertEquals(List.of("dfs://compoDB3", "dfs://compoDB3"), strings(renamed.getColumn("dbName")));
        assertEquals(1000, count(conn, "dfs://compoDB3", "pt2"));
        assertEquals(conn.run("exec sum(x) from loadTable(\"dfs://compoDB2\", `pt1)").getString(),
                conn.run("exec sum(x) from loadTable(\"dfs://compoDB3\", `pt1)").getString());
    }

    @Test
    void migrateEverythingOneDatabaseOrOneTableUnderANewName() throws Exception {
        Path dir = tempDir("bk-migrate-");
        conn.run("""
                n = 1000
                t1 = table(rand(2012.12.01..2012.12.10, n) as date, rand(`AAPL`IBM`GOOG`MSFT, n) as sym, rand(1000.0,n) as price)
                t2 = table(rand(2012.12.01..2012.12.10, n) as date, rand(`AAPL`IBM`GOOG`MSFT, n) as sym, rand(1000,n) as qty)
                if (existsDatabase("dfs://db1")) dropDatabase("dfs://db1")
                if (existsDatabase("dfs://db2")) dropDatabase("dfs://db2")
                if (existsDatabase("dfs://db3")) dropDatabase("dfs://db3")
                db1 = database(directory="dfs://db1", partitionType=VALUE, partitionScheme=2012.12.01..2012.12.10)
                trades1 = db1.createPartitionedTable(t1, `trades1, `date).append!(t1)
                trades2 = db1.createPartitionedTable(t2, `trades2, `date).append!(t2)
                db2 = database(directory="dfs://db2", partitionType=VALUE, partitionScheme=`AAPL`IBM`GOOG`MSFT)
                quotes1 = db2.createPartitionedTable(t1, `quotes1, `sym).append!(t1)
                quotes2 = db2.createPartitionedTable(t2, `quotes2, `sym).append!(t2)
                """);
        for (String t : List.of("trades1", "trades2", "quotes1", "quotes2")) {
            conn.run("backup(backupDir=" + q(dir) + ", sqlObj=<select * from " + t + ">, force=true)");
        }
        conn.run("dropDatabase(\"dfs://db1\"); dropDatabase(\"dfs://db2\")");

        BasicTable all = (BasicTable) conn.run("migrate(" + q(dir) + ")");
        assertEquals(List.of("dbName", "tableName", "success", "errorMsg"), columnNames(all));
        assertEquals(4, all.rows());
        for (int i = 0; i < 4; i++) assertTrue(((BasicBooleanVector) all.getColumn("success")).getBoolean(i), all.getString());
        assertEquals(1000, count(conn, "dfs://db2", "quotes2"));

        // the tables exist now: migrate does not overwrite them
        BasicTable again = (BasicTable) conn.run("migrate(backupDir=" + q(dir) + ", backupDBPath=\"dfs://db1\")");
        assertEquals(List.of("trades1", "trades2"), strings(again.getColumn("tableName")));
        assertFalse(((BasicBooleanVector) again.getColumn("success")).getBoolean(0));
        assertContains(again.getColumn("errorMsg").getString(0), "already exists");

        BasicTable renamed = (BasicTable) conn.run("migrate(backupDir=" + q(dir) + ", backupDBPath=\"dfs://db1\", backupTableName=\"trades1\", newDBPath=\"dfs://db3\", newTableName=\"trades\")");
        assertEquals(List.of("dfs://db1"), strings(renamed.getColumn("dbName")));
        assertEquals(List.of("trades1"), strings(renamed.getColumn("tableName")));
        assertTrue(((BasicBooleanVector) renamed.getColumn("success")).getBoolean(0), renamed.getString());
        assertEquals(1000, longOf(conn.run("exec count(*) from loadTable(\"dfs://db3\", \"trades\")")));
    }

    @Test
    void getBackupMetaLoadBackupCheckBackupAndGetBackupStatus() throws Exception {
        conn.run("""
                if (existsDatabase("dfs://valuedb")) dropDatabase("dfs://valuedb")
                n = 3000
                month = take(2000.01M..2000.04M, n)
                x = 1..n
                t = table(month, x)
                db = database("dfs://valuedb", VALUE, 2000.01M..2000.04M)
                pt = db.createPartitionedTable(t, `pt, `month)
                pt.append!(t)
                """);
        Path dir = tempDir("bk-meta-");
        assertEquals(4, intOf(conn.run("backup(" + q(dir) + ", <select * from loadTable(\"dfs://valuedb\", `pt)>)")));
        Entity meta = conn.run("getBackupMeta(" + q(dir) + ", \"dfs://valuedb\", \"/200001M\", \"pt\")");
        assertTrue(meta.isDictionary());
        BasicDictionary d = (BasicDictionary) meta;
        BasicTable schema = (BasicTable) d.get(new BasicString("schema"));
        assertEquals(List.of("month", "x"), strings(schema.getColumn("name")));
        assertEquals(List.of("MONTH", "INT"), strings(schema.getColumn("typeString")));
        String index = ((Vector) conn.run("exec physicalIndex from listTables(\"dfs://valuedb\")")).getString(0);
        assertEquals("dfs://valuedb/200001M/" + index, d.get(new BasicString("dfsPath")).getString());
        assertEquals(750, longOf(d.get(new BasicString("rows"))));
        assertTrue(d.get(new BasicString("chunkID")).getString().matches("[0-9a-f-]{36}"));

        BasicTable part = (BasicTable) conn.run("loadBackup(" + q(dir) + ", \"dfs://valuedb\", \"/200001M\", \"pt\")");
        assertEquals(750, part.rows());
        assertEquals("2000.01M", part.getColumn("month").getString(0));
        assertEquals("1", part.getColumn("x").getString(0));
        assertEquals("5", part.getColumn("x").getString(1));

        BasicTable check = (BasicTable) conn.run("checkBackup(" + q(dir) + ", \"dfs://valuedb\")");
        assertEquals(List.of("dbName", "tableName", "chunkPath", "chunkID", "partitionPath"), columnNames(check));
        assertEquals(0, check.rows());

        BasicTable status = (BasicTable) conn.run("getBackupStatus()");
        assertEquals(List.of("userName", "type", "startTime", "dbName", "tableName", "totalPartitions", "completedPartitions",
                "percentComplete", "endTime", "completed"), columnNames(status));
        assertEquals("admin", status.getColumn("userName").getString(0));
        assertEquals("BACKUP_BY_SQL", status.getColumn("type").getString(0));
        assertEquals("dfs://valuedb", status.getColumn("dbName").getString(0));
        assertEquals(4, intOf(status.getColumn("totalPartitions").get(0)));
        assertEquals(4, intOf(status.getColumn("completedPartitions").get(0)));
        assertEquals(100, intOf(status.getColumn("percentComplete").get(0)));
        assertEquals(1, intOf(status.getColumn("completed").get(0)));
        assertEquals(0, ((BasicTable) conn.run("getBackupStatus(`nobody)")).rows());
    }

    static List<String> columnNames(BasicTable t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.columns(); i++) out.add(t.getColumnName(i));
        return out;
    }
}
