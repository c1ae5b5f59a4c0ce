package io.ddbsync.sync.run;

import com.xxdb.data.*;
import io.ddbsync.camel.Names;
import io.ddbsync.camel.Partition;
import io.ddbsync.camel.PartitionChecksum;
import io.ddbsync.camel.PartitionFilters;
import io.ddbsync.camel.SchemaDiff;
import io.ddbsync.camel.TableSchema;
import io.ddbsync.camel.WriteTypes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The plain-Java parts the component calls: names, partition filters, checksum text, schema diff, write types. */
class SyncLogicTest {
    private static TableSchema schema(List<TableSchema.Level> levels, String... columns) {
        List<TableSchema.Column> cols = new java.util.ArrayList<>();
        for (String c : columns) {
            String[] p = c.split(" ");
            cols.add(new TableSchema.Column(p[0], p[1], Entity.DATA_TYPE.valueOf("DT_" + p[1]).getValue(), 0));
        }
        return new TableSchema("dfs://db", "t", "OLAP", cols, levels, List.of(), null);
    }

    @Test
    void namesAreCheckedStrictly() {
        assertEquals("dfs://db_1", Names.database("dfs://db_1"));
        assertEquals("mt", Names.table("mt"));
        assertEquals(List.of("a", "b_2"), Names.columns(" a, b_2 "));
        assertEquals("/20240101/Key3", Names.partitionPath("/20240101/Key3"));
        assertEquals("%/20240101%", Names.partitionPattern("%/20240101%"));
        for (String bad : new String[]{"mt\"); dropDatabase(\"dfs://db1\"); (\"", "1t", "t t", "", "t;"}) {
            assertThrows(IllegalArgumentException.class, () -> Names.table(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Names.database("db1"));
        assertThrows(IllegalArgumentException.class, () -> Names.database("dfs://db1\")"));
        assertThrows(IllegalArgumentException.class, () -> Names.partitionPath("20240101"));
        assertThrows(IllegalArgumentException.class, () -> Names.partitionPath("/2024\"0101"));
        assertThrows(IllegalArgumentException.class, () -> Names.columns("a, b c"));
    }

    @Test
    void partitionFiltersUseThePartitionFunction() {
        TableSchema value = schema(List.of(new TableSchema.Level("ts", 1, 6, new BasicDateVector(new int[]{19723, 19724}))), "ts TIMESTAMP");
        assertEquals("partition(ts, 2024.01.02)", PartitionFilters.of(value, "/20240102", 5).filter());
        assertNull(PartitionFilters.find(value, "/20240109", 0));
        assertThrows(IllegalArgumentException.class, () -> PartitionFilters.of(value, "/20240109", 0));

        TableSchema range = schema(List.of(new TableSchema.Level("id", 2, 4, new BasicIntVector(new int[]{0, 50, 100}))), "id INT");
        Partition r = PartitionFilters.of(range, "/50_100", 1);
        assertEquals("partition(id, 1)", r.filter());
        assertEquals(1, ((BasicInt) r.keys().get(0)).getInt());

        BasicAnyVector lists = new BasicAnyVector(2);
        lists.setEntity(0, new BasicStringVector(new String[]{"A", "B"}));
        lists.setEntity(1, new BasicStringVector(new String[]{"C"}));
        TableSchema compo = schema(List.of(new TableSchema.Level("sym", 5, 17, new BasicInt(4)), new TableSchema.Level("s2", 3, 17, lists)),
                "sym SYMBOL", "s2 SYMBOL");
        assertEquals("partition(sym, 3) and partition(s2, 1)", PartitionFilters.of(compo, "/Key3/List1", 0).filter());
        assertThrows(IllegalArgumentException.class, () -> PartitionFilters.of(compo, "/Key3", 0));

        TableSchema symbols = schema(List.of(new TableSchema.Level("sym", 1, 17, new BasicStringVector(new String[]{"IBM", "MSFT"}))), "sym SYMBOL");
        assertEquals("partition(sym, \"MSFT\")", PartitionFilters.of(symbols, "/MSFT", 0).filter());
    }

    @Test
    void checksumTextFormatsDoublesExactlyAndPrefixesLengths() {
        TableSchema s = schema(List.of(new TableSchema.Level("d", 1, 6, new BasicDateVector(new int[]{19723}))), "d DATE", "x DOUBLE", "s SYMBOL");
        String f = PartitionChecksum.function(s);
        assertTrue(f.startsWith("def(dbUrl, tb, k1) { t = select d, x, s from loadTable(dbUrl, tb) where partition(d, k1); "), f);
        assertTrue(f.contains("format(t.x, \"0.0000000000000000E0\")"), f);
        assertTrue(f.contains("f0 = string(t.d) + \"|\";"), f);
        assertTrue(f.contains("x = string(t.s); f2 = string(strlen(x)) + \":\" + x;"), f);
        assertTrue(f.contains("h1 = 0; h1 = crc32(f0, h1);"), f);
        assertFalse(f.contains("\n"), "a function name travels on one line");
        assertTrue(f.endsWith("return table(size(t) as rows, sum(long(h1)) as c1, sum(long(h2)) as c2) }"), f);
        assertEquals("0", PartitionChecksum.combine(0, 0, 0));
        assertEquals("00000000000000ff0000000000000001", PartitionChecksum.combine(3, 255, 1));
    }

    @Test
    void schemaDiffNamesEachDifference() {
        TableSchema.Level day = new TableSchema.Level("ts", 1, 6, new BasicDateVector(new int[]{19723, 19724}));
        TableSchema source = schema(List.of(day), "ts TIMESTAMP", "qty INT", "px DOUBLE");
        TableSchema fewerDays = schema(List.of(new TableSchema.Level("ts", 1, 6, new BasicDateVector(new int[]{19723}))),
                "ts TIMESTAMP", "qty INT", "px DOUBLE");
        SchemaDiff ok = SchemaDiff.compare(source, fewerDays);
        assertTrue(ok.isCompatible());
        assertEquals(1, ok.getMissingValues().get(0).size());

        TableSchema other = new TableSchema("dfs://db", "t", "TSDB", List.of(
                new TableSchema.Column("ts", "TIMESTAMP", 12, 0), new TableSchema.Column("qty", "LONG", 5, 0)),
                List.of(new TableSchema.Level("ts", 2, 6, new BasicDateVector(new int[]{19723, 19724}))), List.of("ts"), "ALL");
        String diff = SchemaDiff.compare(source, other).toString();
        assertTrue(diff.contains("column 2 'qty': expected type INT, target has LONG"), diff);
        assertTrue(diff.contains("column 3: target lacks column px DOUBLE"), diff);
        assertTrue(diff.contains("partition level 1: expected VALUE(ts), target has RANGE(ts)"), diff);
        assertTrue(diff.contains("engine: expected OLAP, target has TSDB"), diff);
    }

    @Test
    void writeTypesFollowDolphinDBsConversions() {
        assertTrue(WriteTypes.compatible(Entity.DATA_TYPE.DT_LONG, Entity.DATA_TYPE.DT_INT));
        assertTrue(WriteTypes.compatible(Entity.DATA_TYPE.DT_INT, Entity.DATA_TYPE.DT_DOUBLE));
        assertTrue(WriteTypes.compatible(Entity.DATA_TYPE.DT_STRING, Entity.DATA_TYPE.DT_SYMBOL));
        assertTrue(WriteTypes.compatible(Entity.DATA_TYPE.DT_DOUBLE, Entity.DATA_TYPE.DT_DECIMAL64));
        assertFalse(WriteTypes.compatible(Entity.DATA_TYPE.DT_STRING, Entity.DATA_TYPE.DT_INT));
        assertFalse(WriteTypes.compatible(Entity.DATA_TYPE.DT_DOUBLE, Entity.DATA_TYPE.DT_INT));
        assertFalse(WriteTypes.compatible(Entity.DATA_TYPE.DT_DATE, Entity.DATA_TYPE.DT_TIMESTAMP));
        assertEquals("CHAR", WriteTypes.name(Entity.DATA_TYPE.DT_BYTE));
    }

    @Test
    void columnSubsetKeepsPartitionColumns() {
        TableSchema s = schema(List.of(new TableSchema.Level("ts", 1, 6, new BasicDateVector(new int[]{19723}))), "ts TIMESTAMP", "a INT", "b INT");
        assertEquals(List.of("ts", "b"), s.withColumns(List.of("ts", "b")).columnNames());
        assertThrows(IllegalArgumentException.class, () -> s.withColumns(List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> s.withColumns(List.of("ts", "nope")));
    }

    @Test
    void theReportListsPartitionsInPartitionOrderWhateverOrderTheyEndIn() {
        RunReport report = new RunReport("job", "online", "run-1");
        // the order parallel partitions might end in
        for (String path : List.of("/Key10", "/20240110/Key2", "/Key2", "/20240102/Key10", "/20240102/Key2", "/Key1", "/20240110/Key1")) {
            report.partition(new RunReport.PartitionResult(path, "overwritten", 1, 1, "c", "c", 0, 0));
        }
        assertEquals(List.of("/20240102/Key2", "/20240102/Key10", "/20240110/Key1", "/20240110/Key2", "/Key1", "/Key2", "/Key10"),
                report.partitions().stream().map(RunReport.PartitionResult::path).toList());
        String rendered = report.render();
        assertTrue(rendered.indexOf("/Key2 ") < rendered.indexOf("/Key10 "), rendered);
        // numbers spelled with leading zeros are still different partitions
        assertNotEquals(0, RunReport.comparePaths("/Key01", "/Key1"));
        assertEquals(0, RunReport.comparePaths("/Key1", "/Key1"));
    }

    /** The order of paths by digit runs' values, then by characters, checked against a plain restatement on random paths. */
    @Test
    void pathOrderAgreesWithNumbersReadAsValues() {
        java.util.Random random = new java.util.Random(18);
        String alphabet = "/00019Kab_";
        for (int n = 0; n < 20_000; n++) {
            String a = randomPath(random, alphabet);
            String b = random.nextInt(4) == 0 ? a : randomPath(random, alphabet);
            int expected = Integer.signum(byDigitRunValues(a, b));
            assertEquals(expected, Integer.signum(RunReport.comparePaths(a, b)), a + " vs " + b);
            assertEquals(-expected, Integer.signum(RunReport.comparePaths(b, a)), b + " vs " + a);
        }
    }

    private static String randomPath(java.util.Random random, String alphabet) {
        StringBuilder path = new StringBuilder();
        for (int k = random.nextInt(8); k >= 0; k--) path.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return path.toString();
    }

    /** Splits both into digit runs and other characters; runs compare as numbers (java.math.BigInteger), then spelling decides. */
    private static int byDigitRunValues(String a, String b) {
        java.util.regex.Matcher x = java.util.regex.Pattern.compile("\\d+|\\D").matcher(a);
        java.util.regex.Matcher y = java.util.regex.Pattern.compile("\\d+|\\D").matcher(b);
        while (true) {
            boolean moreA = x.find();
            boolean moreB = y.find();
            if (!moreA || !moreB) return moreA ? 1 : moreB ? -1 : a.compareTo(b);
            String ta = x.group();
            String tb = y.group();
            boolean digitsA = Character.isDigit(ta.charAt(0));
            boolean digitsB = Character.isDigit(tb.charAt(0));
            int c = digitsA && digitsB ? new java.math.BigInteger(ta).compareTo(new java.math.BigInteger(tb)) : Character.compare(ta.charAt(0), tb.charAt(0));
            if (c != 0) return c;
        }
    }
}
