package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
import io.ddbsync.standin.OneClusterTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static io.ddbsync.standin.backup.BackupTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every partitioning, both engines and dimension tables survive backupDB + restoreDB under a new name. */
class BackupSchemesTest extends OneClusterTest {
    @AfterEach
    void deleteBackupDirs() {
        deleteTempDirs();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "database(\"dfs://schemes\", VALUE, 2024.01M..2024.03M)|month",
            "database(\"dfs://schemes\", RANGE, 0 100 200 300)|id",
            "database(\"dfs://schemes\", HASH, [SYMBOL, 4])|sym",
            "database(\"dfs://schemes\", LIST, [`A`B, `C, `D`E])|sym",
            "database(\"dfs://schemes\", COMPO, [database(\"\", VALUE, 2024.01M..2024.03M), database(\"\", HASH, [INT, 3]), database(\"\", LIST, [`A`B`C, `D`E])])|month`id`sym",
            "database(directory=\"dfs://schemes\", partitionType=VALUE, partitionScheme=`A`B`C`D`E, engine=\"TSDB\")|sym"})
    void backupDBThenRestoreDBUnderANewName(String spec) throws Exception {
        String[] parts = spec.split("\\|");
        boolean tsdb = parts[0].contains("TSDB");
        conn.run("""
                if (existsDatabase("dfs://schemes")) dropDatabase("dfs://schemes")
                if (existsDatabase("dfs://schemes2")) dropDatabase("dfs://schemes2")
                n = 300
                t = table(take(2024.01M..2024.03M, n) as month, 0..(n-1) as id, take(`A`B`C`D`E, n) as sym, rand(100.0, n) as v)
                db = %s
                pt = db.createPartitionedTable(t, `pt, `%s%s)
                pt.append!(t)
                """.formatted(parts[0], parts[1], tsdb ? ", sortColumns=`sym`id, keepDuplicates=LAST" : ""));
        Path dir = tempDir("schemes-");
        int written = intOf(conn.run("backupDB(" + q(dir) + ", \"dfs://schemes\")"));
        assertEquals(intOf(conn.run("exec count(*) from getTabletsMeta(\"/schemes/%\", `pt, true, -1)")), written);
        conn.run("restoreDB(" + q(dir) + ", \"dfs://schemes\", \"dfs://schemes2\")");
        String order = " order by id";
        assertSameTable((BasicTable) conn.run("select * from loadTable(\"dfs://schemes\", `pt)" + order),
                (BasicTable) conn.run("select * from loadTable(\"dfs://schemes2\", `pt)" + order));
        assertEquals(conn.run("schema(database(\"dfs://schemes\")).partitionSchema").getString(),
                conn.run("schema(database(\"dfs://schemes2\")).partitionSchema").getString());
        assertEquals(conn.run("schema(loadTable(\"dfs://schemes\", `pt)).engineType").getString(),
                conn.run("schema(loadTable(\"dfs://schemes2\", `pt)).engineType").getString());
    }

    @Test
    void dimensionTablesAreBackedUpAsOnePartition() throws Exception {
        conn.run("""
                if (existsDatabase("dfs://dims")) dropDatabase("dfs://dims")
                db = database("dfs://dims", VALUE, 1..3)
                d = db.createDimensionTable(table(1:0, `code`name, [INT, STRING]), `codes)
                d.append!(table(1..5 as code, "n" + string(1..5) as name))
                """);
        Path dir = tempDir("dims-");
        assertEquals(1, intOf(conn.run("backupTable(" + q(dir) + ", \"dfs://dims\", `codes)")));
        BasicTable list = (BasicTable) conn.run("getBackupList(" + q(dir) + ", \"dfs://dims\", `codes)");
        assertEquals(5, longOf(list.getColumn("rows").get(0)));
        conn.run("delete from loadTable(\"dfs://dims\", `codes) where code > 2");
        assertEquals(1, conn.run("restore(" + q(dir) + ", \"dfs://dims\", `codes, \"%\")").rows());
        assertEquals(5, count(conn, "dfs://dims", "codes"));
    }
}
