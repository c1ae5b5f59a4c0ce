package io.ddbsync.standin.backup;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import io.ddbsync.standin.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static io.ddbsync.standin.backup.BackupTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A backup made on one stand-in, copied to another directory as cp/rsync would, restored on a
 * second stand-in with its own data directory: every type, NULLs included, comes back the same.
 */
class BackupRoundTripTest {
    private static TestCluster source;
    private static TestCluster target;
    private static DBConnection a;
    private static DBConnection b;
    private static BasicTable expected;

    @BeforeAll
    static void start() throws Exception {
        source = TestCluster.start();
        target = TestCluster.second();
        if (source.isStandIn()) assertNotEquals(source.dataDir(), target.dataDir());
        assumeLocalDisk(source, target);
        a = source.connect();
        b = target.connect();
        a.upload(Map.of("t", AllTypesTable.build(40)));
        a.run(AllTypesTable.CREATE);
        expected = (BasicTable) a.run("select * from loadTable(\"dfs://alltypes\", `pt)");
        assertEquals(40, expected.rows());
    }

    @AfterEach
    void deleteBackupDirs() {
        deleteTempDirs();
    }

    @AfterAll
    static void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
        if (source != null) source.close();
        if (target != null) target.close();
    }

    private static Path moved(Path backupDir) throws Exception {
        Path elsewhere = tempDir("moved-");
        copyTree(backupDir, elsewhere);
        return elsewhere;
    }

    private static void dropOnTarget(String db) throws Exception {
        b.run("if (existsDatabase(\"" + db + "\")) dropDatabase(\"" + db + "\")");
    }

    @Test
    void copyFilesBackupRestoresEveryTypeOnAnotherStandIn() throws Exception {
        Path dir = tempDir("rt-cf-");
        assertEquals(3, intOf(a.run("backupDB(" + q(dir) + ", \"dfs://alltypes\")")));
        Path there = moved(dir);
        dropOnTarget("dfs://alltypes");
        BasicTable result = (BasicTable) b.run("restoreDB(" + q(there) + ", \"dfs://alltypes\")");
        assertEquals(1, result.rows());
        assertSameTable(expected, (BasicTable) b.run("select * from loadTable(\"dfs://alltypes\", `pt)"));
        // the target's schema is the source's, column by column
        assertEquals(a.run("schema(loadTable(\"dfs://alltypes\", `pt)).colDefs").getString(),
                b.run("schema(loadTable(\"dfs://alltypes\", `pt)).colDefs").getString());
        assertEquals(0, ((BasicTable) b.run("checkBackup(" + q(there) + ", \"dfs://alltypes\")")).rows());
    }

    @Test
    void sqlBackupRestoresEveryTypeOnAnotherStandIn() throws Exception {
        Path dir = tempDir("rt-sql-");
        assertEquals(3, intOf(a.run("backup(" + q(dir) + ", <select * from loadTable(\"dfs://alltypes\", `pt)>)")));
        Path there = moved(dir);
        dropOnTarget("dfs://alltypes_sql");
        BasicTable result = (BasicTable) b.run("migrate(" + q(there) + ", \"dfs://alltypes\", `pt, \"dfs://alltypes_sql\", `pt)");
        assertTrue(((com.xxdb.data.BasicBooleanVector) result.getColumn("success")).getBoolean(0), result.getString());
        assertSameTable(expected, (BasicTable) b.run("select * from loadTable(\"dfs://alltypes_sql\", `pt)"));
        BasicTable part = (BasicTable) b.run("loadBackup(" + q(there) + ", \"dfs://alltypes\", \"/20240102\", `pt)");
        assertSameTable((BasicTable) a.run("select * from loadTable(\"dfs://alltypes\", `pt) where d = 2024.01.02"), part);
    }

    @Test
    void restoreWithAPartitionPatternIntoAnExistingDatabase() throws Exception {
        Path dir = tempDir("rt-pattern-");
        a.run("backup(" + q(dir) + ", \"dfs://alltypes\")");
        Path there = moved(dir);
        dropOnTarget("dfs://alltypes");
        // the schema only: createPartitionedTable writes no rows
        b.upload(Map.of("t", AllTypesTable.build(3)));
        b.run("""
                db = database("dfs://alltypes", VALUE, 2024.01.01..2024.01.03)
                db.createPartitionedTable(t, `pt, `d)
                """);
        Entity paths = b.run("restore(" + q(there) + ", \"dfs://alltypes\", `pt, \"%20240102\")");
        assertEquals(1, paths.rows());
        assertTrue(paths.getString().contains("dfs://alltypes/20240102/"), paths.getString());
        BasicTable day = (BasicTable) b.run("select * from loadTable(\"dfs://alltypes\", `pt)");
        BasicTable want = (BasicTable) a.run("select * from loadTable(\"dfs://alltypes\", `pt) where d = 2024.01.02");
        assertSameTable(want, day);
        // incremental: the partition holds the backup's rows already, so a second restore writes nothing
        assertEquals(0, b.run("restore(" + q(there) + ", \"dfs://alltypes\", `pt, \"%20240102\")").rows());
    }
}
