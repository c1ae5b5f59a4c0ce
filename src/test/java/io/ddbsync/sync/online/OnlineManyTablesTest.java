package io.ddbsync.sync.online;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Vector;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.run.RunReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Jobs of several tables through the real online-sync template: databases of every partitioning
 * scheme (VALUE, RANGE, HASH, LIST, COMPO) and both engines (OLAP, TSDB), selected by a database
 * pattern, a list with table patterns, per-table overrides, a table added and one dropped on the
 * source between runs, a dry run and an incremental run across tables. Judged by the test's own
 * queries on both clusters: per partition key, the row count and a hash sum of every column.
 */
public class OnlineManyTablesTest extends OnlineSyncTestSupport {
    private static final String OVERRIDDEN = "manyOverridden";

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = super.useOverridePropertiesWithPropertiesComponent();
        p.put("jobs." + OVERRIDDEN + ".tables.ticks.targetTable", "ticks_copy");
        p.put("jobs." + OVERRIDDEN + ".tables.quotes.columns", "date, sym, bid");
        return p;
    }

    /** Five databases, one per partitioning scheme, under one prefix; eight tables in all. */
    public static String createDatabases(TestCluster c) throws Exception {
        String prefix = TestCluster.uniqueDb("many");
        c.run("""
                v = database("P_value", VALUE, 2024.01.01..2024.01.04)
                v.createPartitionedTable(table(1:0, `date`sym`price`qty, [DATE, SYMBOL, DOUBLE, INT]), `ticks, `date)
                v.createPartitionedTable(table(1:0, `date`sym`bid`ask`note, [DATE, SYMBOL, DOUBLE, DOUBLE, STRING]), `quotes, `date)
                v.createPartitionedTable(table(1:0, `date`id, [DATE, LONG]), `quotes_old, `date)
                n = 4000
                loadTable("P_value", "ticks").append!(table(2024.01.01 + (0..(n-1)) % 4 as date, take(`IBM`MSFT`GOOG, n) as sym, (0..(n-1)) * 0.5 as price, 0..(n-1) as qty))
                loadTable("P_value", "quotes").append!(table(2024.01.01 + (0..(n-1)) % 3 as date, take(`IBM`MSFT, n) as sym, (0..(n-1)) * 0.25 as bid, (0..(n-1)) * 0.75 as ask, string(0..(n-1)) as note))
                loadTable("P_value", "quotes_old").append!(table(2024.01.01 + (0..99) % 2 as date, long(0..99) as id))
                r = database("P_range", RANGE, 0 1000 2000 3000)
                r.createPartitionedTable(table(1:0, `id`v`s, [INT, LONG, STRING]), `orders, `id)
                loadTable("P_range", "orders").append!(table(0..2999 as id, long(0..2999) * 7 as v, "o" + string(0..2999) as s))
                h = database("P_hash", HASH, [INT, 5])
                h.createPartitionedTable(table(1:0, `acct`balance, [INT, DOUBLE]), `accounts, `acct)
                loadTable("P_hash", "accounts").append!(table(0..1999 as acct, (0..1999) * 1.5 as balance))
                l = database("P_list", LIST, [`IBM`MSFT, `GOOG, `AAPL])
                l.createPartitionedTable(table(1:0, `sym`venue`n, [SYMBOL, STRING, INT]), `venues, `sym)
                loadTable("P_list", "venues").append!(table(take(`IBM`MSFT`GOOG`AAPL, 1000) as sym, take(`XNYS`XNAS`BATS, 1000) as venue, 0..999 as n))
                d1 = database("", VALUE, 2024.01.01..2024.01.03)
                d2 = database("", HASH, [SYMBOL, 3])
                t = database("P_compo", COMPO, [d1, d2], , "TSDB")
                t.createPartitionedTable(table(1:0, `date`sym`ts`px, [DATE, SYMBOL, TIMESTAMP, DOUBLE]), `trades, `date`sym, , `sym`ts)
                t.createPartitionedTable(table(1:0, `date`sym`ts`sz, [DATE, SYMBOL, TIMESTAMP, LONG]), `fills, `date`sym, , `sym`ts)
                m = 3000
                loadTable("P_compo", "trades").append!(table(2024.01.01 + (0..(m-1)) % 3 as date, take(`IBM`MSFT`GOOG`AAPL`TSLA, m) as sym, 2024.01.01T00:00:00.000 + 0..(m-1) as ts, (0..(m-1)) * 0.1 as px))
                loadTable("P_compo", "fills").append!(table(2024.01.01 + (0..(m-1)) % 2 as date, take(`IBM`MSFT, m) as sym, 2024.01.01T00:00:00.000 + 0..(m-1) as ts, long(0..(m-1)) as sz))
                """.replace("P_", prefix + "_"));
        return prefix;
    }

    /**
     * The test's own judge of a table: per value of its partitioning columns (one partition, or a
     * part of one), the row count and a hash sum of every column (as text, so doubles and strings
     * count too). Empty when the table does not exist.
     */
    public static Map<String, String> fingerprint(TestCluster c, String db, String table) throws Exception {
        if (!Boolean.parseBoolean(c.run("existsTable('" + db + "', '" + table + "')").getString())) return Map.of();
        BasicTable schema = (BasicTable) c.run("schema(loadTable('" + db + "', '" + table + "')).colDefs");
        Vector names = schema.getColumn("name");
        com.xxdb.data.Entity named = c.run("schema(loadTable('" + db + "', '" + table + "')).partitionColumnName");
        List<String> byColumns = new ArrayList<>();
        if (named instanceof Vector v) {
            for (int i = 0; i < v.rows(); i++) byColumns.add(v.getString(i));
        } else {
            byColumns.add(named.getString());
        }
        String partitionColumns = String.join(",", byColumns);
        List<String> sums = new ArrayList<>();
        for (int i = 0; i < names.rows(); i++) sums.add("sum(hashBucket(string(" + names.getString(i) + "), 1000003)) as h_" + names.getString(i));
        BasicTable t = (BasicTable) c.run("select count(*) as rows, " + String.join(", ", sums) + " from loadTable('" + db + "', '" + table
                + "') group by " + partitionColumns);
        int keys = byColumns.size();
        Map<String, String> out = new TreeMap<>();
        for (int r = 0; r < t.rows(); r++) {
            StringBuilder key = new StringBuilder();
            StringBuilder row = new StringBuilder();
            for (int col = 0; col < t.columns(); col++) {
                if (col < keys) key.append(t.getColumn(col).get(r).getString()).append('/');
                else row.append(t.getColumnName(col)).append('=').append(t.getColumn(col).get(r).getString()).append(' ');
            }
            out.put(key.toString(), row.toString().trim());
        }
        return out;
    }

    private static void assertSameTable(String db, String table, String targetDb, String targetTable) throws Exception {
        Map<String, String> source = fingerprint(src, db, table);
        assertFalse(source.isEmpty(), "the source has rows in " + db + "/" + table);
        assertEquals(source, fingerprint(dst, targetDb, targetTable), db + "/" + table + " on the target, partition by partition");
    }

    private static final String[][] TABLES = {
            {"value", "ticks"}, {"value", "quotes"}, {"value", "quotes_old"}, {"range", "orders"}, {"hash", "accounts"},
            {"list", "venues"}, {"compo", "trades"}, {"compo", "fills"}};

    @Test
    void fiveDatabasesOfEveryPartitioningSelectedByAPatternAreSyncedAsOneJob() throws Exception {
        String prefix = createDatabases(src);
        String job = job(prefix + "_*", Map.of("tables", "*", "table", ""));
        RunReport report = run(job);
        assertEquals(RunReport.Outcome.VERIFIED, report.outcome(), report::render);
        for (String[] t : TABLES) assertSameTable(prefix + "_" + t[0], t[1], prefix + "_" + t[0], t[1]);
        assertEquals(TABLES.length, report.tables().size(), report::render);
        for (String[] t : TABLES) assertTrue(report.render().contains(prefix + "_" + t[0] + "/" + t[1]), report::render);
        assertTrue(report.tables().values().stream().allMatch(t -> !t.partitions().isEmpty()), "each table's partitions are in its own report");

        // nothing changed: an incremental run copies nothing, and a dry run plans nothing, across all tables
        String incremental = job(prefix + "_*", Map.of("tables", "*", "table", "", "incremental", "true"));
        RunReport again = run(incremental);
        assertEquals(RunReport.Outcome.VERIFIED, again.outcome(), again::render);
        assertTrue(again.tables().values().stream().flatMap(t -> t.partitions().stream()).allMatch(p -> p.action().equals("unchanged")), again::render);

        // a partition of one table written on the source: the dry run names it and writes nothing; the incremental run copies it
        src.run("loadTable('" + prefix + "_range', 'orders').append!(table(1500 as id, long(1) as v, `added as s))");
        Map<String, String> targetBefore = fingerprint(dst, prefix + "_range", "orders");
        String dry = job(prefix + "_*", Map.of("tables", "*", "table", "", "incremental", "true", "dryRun", "true"));
        RunReport plan = run(dry);
        assertEquals(targetBefore, fingerprint(dst, prefix + "_range", "orders"), "a dry run writes nothing");
        assertTrue(plan.render().contains(prefix + "_range/orders"), plan::render);
        RunReport caughtUp = run(incremental);
        assertEquals(RunReport.Outcome.VERIFIED, caughtUp.outcome(), caughtUp::render);
        List<String> copied = caughtUp.tables().entrySet().stream()
                .flatMap(e -> e.getValue().partitions().stream().filter(p -> !p.action().equals("unchanged")).map(p -> e.getKey() + p.path())).toList();
        assertEquals(List.of(prefix + "_range/orders/1000_2000"), copied, caughtUp::render);
        for (String[] t : TABLES) assertSameTable(prefix + "_" + t[0], t[1], prefix + "_" + t[0], t[1]);
    }

    @Test
    void aListWithPatternsAndPerTableOverrides() throws Exception {
        String prefix = createDatabases(src);
        String db = prefix + "_value";
        String target = TestCluster.uniqueDb("manycopy");
        job(db, Map.of("jobId", OVERRIDDEN, "tables", "ticks, quotes*", "table", "", "targetDatabase", target));
        RunReport report = run(OVERRIDDEN);
        assertEquals(RunReport.Outcome.VERIFIED, report.outcome(), report::render);
        assertSameTable(db, "ticks", target, "ticks_copy");
        assertEquals(Map.of(), fingerprint(dst, target, "ticks"), "ticks goes to its overridden name only");
        assertSameTable(db, "quotes_old", target, "quotes_old");
        BasicTable columns = (BasicTable) dst.run("schema(loadTable('" + target + "', 'quotes')).colDefs");
        assertEquals("[date,sym,bid]", columns.getColumn("name").getString(), "quotes keeps the columns its override names");
        assertEquals(src.run("exec count(*) from loadTable('" + db + "', 'quotes')").getString(),
                dst.run("exec count(*) from loadTable('" + target + "', 'quotes')").getString());
        assertEquals(src.run("exec sum(bid) from loadTable('" + db + "', 'quotes')").getString(),
                dst.run("exec sum(bid) from loadTable('" + target + "', 'quotes')").getString());
    }

    @Test
    void aTableAddedOnTheSourceIsPickedUpAndOneDroppedIsReportedAndLeftOnTheTarget() throws Exception {
        String prefix = createDatabases(src);
        String db = prefix + "_value";
        String job = job(db, Map.of("tables", "*", "table", ""));
        assertEquals(RunReport.Outcome.VERIFIED, run(job).outcome());
        Map<String, String> oldOnTarget = fingerprint(dst, db, "quotes_old");
        src.run("v = database('" + db + "')\n"
                + "v.createPartitionedTable(table(1:0, `date`x, [DATE, INT]), `added, `date)\n"
                + "loadTable('" + db + "', 'added').append!(table(2024.01.01 2024.01.02 2024.01.04 as date, 1 2 3 as x))\n"
                + "dropTable(v, 'quotes_old')");
        RunReport next = run(job);
        assertEquals(RunReport.Outcome.VERIFIED, next.outcome(), next::render);
        assertSameTable(db, "added", db, "added");
        assertTrue(next.render().contains("dropped") && next.render().contains(db + "/quotes_old"), next::render);
        assertEquals(oldOnTarget, fingerprint(dst, db, "quotes_old"), "a table dropped on the source stays on the target as it was");
        for (String t : List.of("ticks", "quotes")) assertSameTable(db, t, db, t);
    }

    @Test
    void aBadOverrideOrANamedTableTheSourceLacksStopsTheRunNamingIt() throws Exception {
        String prefix = createDatabases(src);
        String db = prefix + "_value";
        String job = job(db, Map.of("tables", "ticks, nosuch", "table", ""));
        RunReport report = runExchange(job).getProperty(io.ddbsync.sync.run.SyncProperties.REPORT, RunReport.class);
        assertEquals(RunReport.Outcome.FAILED, report.outcome());
        assertTrue(report.error().contains(db + "/nosuch"), report.error());
        assertFalse(exists(dst, db), "nothing was written to the target");
    }
}
