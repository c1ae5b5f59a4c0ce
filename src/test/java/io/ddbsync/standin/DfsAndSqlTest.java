package io.ddbsync.standin;

import com.xxdb.DBConnection;
import com.xxdb.data.*;
import com.xxdb.data.Vector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** DFS databases and tables (reference §2-§4): partitioning, paths, schema, writes, SQL, errors. */
class DfsAndSqlTest extends OneClusterTest {
    private static Entity run(String script) throws IOException {
        return conn.run(script);
    }

    private static long number(String script) throws Exception {
        return ((Scalar) run(script)).getNumber().longValue();
    }

    private static List<String> partitionPaths(String dbName, String table) throws IOException {
        BasicTable t = (BasicTable) run("getTabletsMeta('/" + dbName + "/%', `" + table + ", true, -1)");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.rows(); i++) {
            String p = t.getColumn("dfsPath").getString(i);
            out.add(p.substring(("/" + dbName).length(), p.lastIndexOf('/')));
        }
        out.sort(String::compareTo);
        return out;
    }

    private static String expectError(String script) {
        IOException e = assertThrows(IOException.class, () -> run(script));
        return e.getMessage();
    }

    @Test
    void tutorialTimestampColumnGoesIntoDailyValuePartitions() throws Exception {
        run("""
                db = database("dfs://tick", VALUE, 2024.01.01..2024.01.03)
                t = table(1:0, `Timestamp`sym`price, [TIMESTAMP, SYMBOL, DOUBLE])
                db.createPartitionedTable(t, `mt, `Timestamp)
                data = table([2024.01.01T09:30:00.000, 2024.01.01T23:59:59.999, 2024.01.02T00:00:00.000, 2024.01.09T10:00:00.000] as Timestamp,
                             `A`B`C`D as sym, 1.0 2.0 3.0 4.0 as price)
                n = tableInsert(loadTable("dfs://tick", "mt"), data)
                """);
        assertEquals(List.of("/20240101", "/20240102"), partitionPaths("tick", "mt"));
        assertEquals(3, number("exec count(*) from loadTable('dfs://tick', 'mt')"), "the 2024.01.09 row lies outside the VALUE scheme and is skipped");
        assertEquals(2, number("exec count(*) from loadTable('dfs://tick', 'mt') where Timestamp < 2024.01.02"));
    }

    @Test
    void partitionPathsOfEveryScheme() throws Exception {
        run("""
                m = database("dfs://monthly", VALUE, 2024.01M..2024.03M)
                m.createPartitionedTable(table(1:0, `d`v, [DATE, INT]), `t, `d)
                loadTable("dfs://monthly", "t").append!(table(2024.01.15 2024.02.01 as d, 1 2 as v))
                r = database("dfs://ranged", RANGE, 0 50 100)
                r.createPartitionedTable(table(1:0, `id`v, [INT, INT]), `t, `id)
                loadTable("dfs://ranged", "t").append!(table(3 70 as id, 1 2 as v))
                h = database("dfs://hashed", HASH, [INT, 5])
                h.createPartitionedTable(table(1:0, `id`v, [INT, INT]), `t, `id)
                loadTable("dfs://hashed", "t").append!(table(3 8 as id, 1 2 as v))
                l = database("dfs://listed", LIST, [`IBM`MSFT, `GOOG])
                l.createPartitionedTable(table(1:0, `sym`v, [SYMBOL, INT]), `t, `sym)
                loadTable("dfs://listed", "t").append!(table(`GOOG`IBM as sym, 1 2 as v))
                d1 = database("", VALUE, 2024.01.01..2024.01.02)
                d2 = database("", VALUE, `IBM`MSFT)
                cdb = database("dfs://compo", COMPO, [d1, d2])
                cdb.createPartitionedTable(table(1:0, `date`sym`v, [DATE, SYMBOL, INT]), `t, `date`sym)
                loadTable("dfs://compo", "t").append!(table(2024.01.01 2024.01.02 as date, `IBM`MSFT as sym, 1 2 as v))
                """);
        assertEquals(List.of("/202401M", "/202402M"), partitionPaths("monthly", "t"));
        assertEquals(List.of("/0_50", "/50_100"), partitionPaths("ranged", "t"));
        assertEquals(List.of("/Key3"), partitionPaths("hashed", "t"), "3 and 8 hash to bucket 3 of 5");
        assertEquals(List.of("/List0", "/List1"), partitionPaths("listed", "t"));
        assertEquals(List.of("/20240101/IBM", "/20240102/MSFT"), partitionPaths("compo", "t"));
        // partition() names partitions at either level, alone or with another partition() joined by and
        assertEquals(2, number("exec sum(v) from loadTable('dfs://compo', 't') where partition(date, 2024.01.02)"));
        assertEquals(1, number("exec sum(v) from loadTable('dfs://compo', 't') where partition(sym, `IBM)"));
        assertEquals(2, number("exec sum(v) from loadTable('dfs://compo', 't') where partition(date, 2024.01.01 2024.01.02) and partition(sym, `MSFT)"));
        assertEquals(0, number("exec count(*) from loadTable('dfs://compo', 't') where partition(date, 2024.01.01), partition(sym, `MSFT)"));
        String outside = expectError("loadTable('dfs://ranged', 't').append!(table(150 as id, 1 as v))");
        assertTrue(outside.contains("not defined in the partitioning scheme"), outside);
        assertEquals(2, number("exec count(*) from loadTable('dfs://ranged', 't')"), "a failed write writes nothing");
    }

    @Test
    void schemaDictionaryFields() throws Exception {
        run("""
                s = database("dfs://schemaDb", VALUE, 2024.01.01..2024.01.02)
                s.createPartitionedTable(table(1:0, `ts`sym`px`q, [TIMESTAMP, SYMBOL, DOUBLE, DECIMAL64(3)]), `pt, `ts)
                sch = schema(loadTable("dfs://schemaDb", "pt"))
                """);
        assertEquals("ts", run("sch.partitionColumnName").getString());
        assertEquals(1, number("sch.partitionType"));
        assertEquals(6, number("sch.partitionColumnType"), "the scheme's type, DATE");
        assertEquals(0, number("sch.partitionColumnIndex"));
        assertEquals("OLAP", run("sch.engineType").getString());
        BasicTable colDefs = (BasicTable) run("sch.colDefs");
        assertEquals("[ts,sym,px,q]", colDefs.getColumn("name").getString());
        assertEquals(12, ((BasicIntVector) colDefs.getColumn("typeInt")).getInt(0));
        assertEquals("DECIMAL64(3)", colDefs.getColumn("typeString").getString(3));
        assertEquals(3, ((BasicIntVector) colDefs.getColumn("extra")).getInt(3));
        assertEquals(2, ((Vector) run("sch.partitionSchema")).rows());
    }

    @Test
    void tsdbEngineNeedsSortColumnsAndKeepsLastDuplicate() throws Exception {
        run("tsdb = database(\"dfs://tsdb\", VALUE, 1..3, , \"TSDB\")");
        String missing = expectError("tsdb.createPartitionedTable(table(1:0, `id`ts`v, [INT, TIMESTAMP, INT]), `t, `id)");
        assertTrue(missing.contains("sortColumns"), missing);
        run("""
                tsdb.createPartitionedTable(table(1:0, `id`ts`v, [INT, TIMESTAMP, INT]), `t, `id, , `id`ts, LAST)
                pt = loadTable("dfs://tsdb", "t")
                pt.append!(table(1 1 as id, [2024.01.01T00:00:00.000, 2024.01.01T00:00:01.000] as ts, 10 20 as v))
                pt.append!(table(1 as id, [2024.01.01T00:00:00.000] as ts, 99 as v))
                """);
        assertEquals(2, number("exec count(*) from loadTable('dfs://tsdb', 't')"));
        assertEquals(99, number("exec sum(v) from loadTable('dfs://tsdb', 't') where ts = 2024.01.01T00:00:00.000"));
        BasicTable sch = (BasicTable) run("schema(loadTable('dfs://tsdb', 't')).colDefs");
        assertEquals(3, sch.rows());
        assertEquals("TSDB", run("schema(loadTable('dfs://tsdb', 't')).engineType").getString());
        assertEquals("[id,ts]", run("schema(loadTable('dfs://tsdb', 't')).sortColumns").getString());
        assertEquals("LAST", run("schema(loadTable('dfs://tsdb', 't')).keepDuplicates").getString());
    }

    @Test
    void dimensionTablesExistenceDropAndTruncate() throws Exception {
        run("""
                dd = database("dfs://dims", VALUE, 1 2 3)
                dd.createDimensionTable(table(1:0, `k`name, [INT, STRING]), `dim)
                loadTable("dfs://dims", "dim").append!(table(1 2 as k, `a`b as name))
                dd.createTable(table(1:0, `k`v, [INT, INT]), `other)
                dd.createPartitionedTable(table(1:0, `k`v, [INT, INT]), `pt, `k)
                loadTable("dfs://dims", "pt").append!(table(1 2 3 as k, 4 5 6 as v))
                """);
        assertEquals(2, number("exec count(*) from loadTable('dfs://dims', 'dim')"));
        assertEquals(3, ((Vector) run("getTables(database('dfs://dims'))")).rows());
        assertTrue(((BasicBoolean) run("existsDatabase('dfs://dims')")).getBoolean());
        assertFalse(((BasicBoolean) run("existsDatabase('dfs://dims/1')")).getBoolean());
        assertTrue(((BasicBoolean) run("existsTable('dfs://dims', 'pt')")).getBoolean());
        assertTrue(((BasicBoolean) run("existsTable('dfs://dims/1', 'pt')")).getBoolean(), "the manual's quirk");
        run("dropPartition(database('dfs://dims'), '/2', `pt)");
        assertEquals(2, number("exec count(*) from loadTable('dfs://dims', 'pt')"));
        run("dropPartition(database('dfs://dims'), 3, `pt)");
        assertEquals(1, number("exec count(*) from loadTable('dfs://dims', 'pt')"));
        String none = expectError("dropPartition(database('dfs://dims'), '/3', `pt)");
        assertTrue(none.contains("S01056"), none);
        run("truncate('dfs://dims', 'pt')");
        assertEquals(0, number("exec count(*) from loadTable('dfs://dims', 'pt')"));
        run("dropTable(database('dfs://dims'), 'other')");
        assertFalse(((BasicBoolean) run("existsTable('dfs://dims', 'other')")).getBoolean());
        run("dropDatabase('dfs://dims')");
        assertFalse(((BasicBoolean) run("existsDatabase('dfs://dims')")).getBoolean());
    }

    @Test
    void writeErrorsUseDolphinDbTexts() throws Exception {
        run("""
                w = database("dfs://werr", VALUE, 1 2)
                w.createPartitionedTable(table(1:0, `k`v, [INT, DOUBLE]), `t, `k)
                """);
        assertTrue(expectError("loadTable('dfs://werr', 't').append!(table(1 as k))").contains("RefId:S01015"));
        String wrongType = expectError("loadTable('dfs://werr', 't').append!(table(1 as k, `x as v))");
        assertTrue(wrongType.contains("The column [v] expects type of DOUBLE, but the actual type is STRING. RefId:S05004"), wrongType);
        String nullKey = expectError("loadTable('dfs://werr', 't').append!(table(00i as k, 1.0 as v))");
        assertTrue(nullKey.contains("The column used for value-partitioning cannot contain NULL values"), nullKey);
        String unknownTable = expectError("loadTable('dfs://werr', 'nosuch')");
        assertTrue(unknownTable.contains("/werr/nosuch.tbl"), unknownTable);
        assertEquals(0, number("exec count(*) from loadTable('dfs://werr', 't')"));
    }

    @Test
    void readingOrWritingWithoutLoginIsNotGranted() throws Exception {
        run("""
                g = database("dfs://guarded", VALUE, 1 2)
                g.createPartitionedTable(table(1:0, `k`v, [INT, INT]), `t, `k)
                """);
        DBConnection guest = new DBConnection();
        assertTrue(guest.connect(cluster.host(), cluster.port()));
        IOException read = assertThrows(IOException.class, () -> guest.run("select * from loadTable('dfs://guarded', 't')"));
        assertTrue(read.getMessage().contains("<NoPrivilege>Not granted to read table dfs://guarded/t"), read.getMessage());
        IOException write = assertThrows(IOException.class, () -> guest.run("loadTable('dfs://guarded', 't').append!(table(1 as k, 1 as v))"));
        assertTrue(write.getMessage().contains("<NoPrivilege>Not granted to write data to table dfs://guarded/t"), write.getMessage());
        guest.close();
    }

    @Test
    void selectExecAggregatesGroupOrderTopLimit() throws Exception {
        run("""
                q = database("dfs://sqldb", VALUE, 2024.01.01..2024.01.05)
                q.createPartitionedTable(table(1:0, `date`sym`qty`px, [DATE, SYMBOL, INT, DOUBLE]), `t, `date)
                loadTable("dfs://sqldb", "t").append!(table(
                    [2024.01.01, 2024.01.01, 2024.01.02, 2024.01.03, 2024.01.04, 2024.01.05] as date,
                    `A`B`A`B`A`C as sym, 1 2 3 4 5 6 as qty, 10.0 20.0 30.0 40.0 50.0 60.0 as px))
                st = loadTable("dfs://sqldb", "t")
                """);
        BasicTable byPartition = (BasicTable) run("select count(*) as n, sum(qty) as q from st where date between 2024.01.02 and 2024.01.04");
        assertEquals(3, ((Scalar) byPartition.getColumn("n").get(0)).getNumber().intValue());
        assertEquals(12, ((Scalar) byPartition.getColumn("q").get(0)).getNumber().intValue());
        BasicTable grouped = (BasicTable) run("select sum(qty), max(px) from st group by sym");
        assertEquals("[A,B,C]", grouped.getColumn("sym").getString());
        assertEquals("sum_qty", grouped.getColumnName(1));
        assertEquals(9, ((Scalar) grouped.getColumn(1).get(0)).getNumber().intValue());
        BasicTable ordered = (BasicTable) run("select top 2 sym, qty * 2 as dbl from st where sym in `A`B order by qty desc");
        assertEquals("[10,8]", ordered.getColumn("dbl").getString());
        BasicTable limited = (BasicTable) run("select qty from st order by qty limit 1, 2");
        assertEquals("[2,3]", limited.getColumn("qty").getString());
        assertEquals("[3,4]", run("exec qty from st where date > 2024.01.01 and px < 45.0").getString());
        assertEquals(2, number("exec count(*) from st where sym = `A or qty > 5, date >= 2024.01.04"));
        assertEquals(5, number("exec count(*) from st where month(date) = 2024.01M, qty != 3"));
        BasicTable star = (BasicTable) run("select * from st where partition(date, 2024.01.03 2024.01.05)");
        assertEquals("[4,6]", star.getColumn("qty").getString());
        run("delete from st where sym = `B");
        assertEquals(4, number("exec count(*) from st"));
        assertEquals(0, number("exec count(*) from st where sym = `B"));
    }

    @Test
    void whereOnThePartitioningColumnReadsOnlyThePartitionsItNeeds() throws Exception {
        run("""
                pr = database("dfs://pruned", VALUE, 1..3)
                pr.createPartitionedTable(table(1:0, `k`v, [INT, INT]), `t, `k)
                loadTable("dfs://pruned", "t").append!(table(1 2 3 as k, 10 20 30 as v))
                """);
        // damage partition /3: a query touching it must fail, one pruned away from it must not
        org.junit.jupiter.api.Assumptions.assumeTrue(cluster.isStandIn(), "needs the stand-in's data directory");
        Path dir = cluster.dataDir().resolve("pruned/chunks/3/t");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) Files.write(f, new byte[]{1, 2, 3});
        }
        assertEquals(30, number("exec sum(v) from loadTable('dfs://pruned', 't') where k < 3"));
        assertEquals(10, number("exec sum(v) from loadTable('dfs://pruned', 't') where k = 1"));
        String damaged = expectError("exec sum(v) from loadTable('dfs://pruned', 't')");
        assertTrue(damaged.contains("Failed to read chunk"), damaged);
    }

    /**
     * A partitioning column equal to a constant is looked up, not checked against every partition:
     * the rows each query finds are those the same query finds in an in-memory copy (no partitions
     * there), either way round, with a value the scheme lacks, combined with and, with or, and with
     * a constant of another type (left to the per-partition check).
     */
    @Test
    void equalityOnThePartitioningColumnFindsTheRowsAnInMemoryCopyHas() throws Exception {
        run("""
                eq = database("dfs://equality", VALUE, 2024.01.01..2024.01.05)
                n = 500
                eq.createPartitionedTable(table(1:0, `d`v, [DATE, INT]), `t, `d).append!(table(take(2024.01.01..2024.01.05, n) as d, 1..n as v))
                """);
        String[] conditions = {"d = 2024.01.03", "2024.01.03 == d", "d = 2024.01.09", "d = 2024.01.03 and v > 250",
            "v > 250 and d == 2024.01.02", "d = 2024.01.03 or d = 2024.01.05", "d = 2024.01.03T10:00:00.000", "d = 2024.01.03 and d = 2024.01.04"};
        for (String where : conditions) {
            String dfs = "select count(*) as n, sum(v) as s from loadTable('dfs://equality', 't') where " + where;
            String memory = "mem = select * from loadTable('dfs://equality', 't'); select count(*) as n, sum(v) as s from mem where " + where;
            assertEquals(run(memory).getString(), run(dfs).getString(), where);
        }
        assertEquals(100, number("exec count(*) from loadTable('dfs://equality', 't') where d = 2024.01.03"));
        assertEquals(0, number("exec count(*) from loadTable('dfs://equality', 't') where d = 2024.01.09"));
    }
}
