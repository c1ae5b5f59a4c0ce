package io.ddbsync.standin;

import com.xxdb.DBConnection;
import com.xxdb.data.*;
import com.xxdb.data.Vector;
import com.xxdb.io.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ddbsync.standin.TypesRoundTripTest.allTypes;
import static io.ddbsync.standin.TypesRoundTripTest.assertSameContent;
import static io.ddbsync.standin.TypesRoundTripTest.typeNames;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Writes and scans of DFS tables through the official client, over the paths that keep rows in
 * their stored form: uploads stored as received, whole partitions streamed in fetchSize blocks
 * across segment and partition boundaries, plain projections, compressed uploads, several SYMBOL
 * columns, blocks spanning several partitions.
 */
class StoredScanTest {
    private static final String[] SYMS = {"IBM", "MSFT", "AAPL", "", "GOOG"};

    /** Rows [start, start+n): day (start+i) / perDay of 2024.01, two SYMBOL columns, a STRING, numbers. */
    private static BasicTable ticks(int start, int n, int perDay) {
        long[] ts = new long[n];
        List<String> sym = new ArrayList<>();
        List<String> venue = new ArrayList<>();
        String[] note = new String[n];
        int[] qty = new int[n];
        double[] px = new double[n];
        for (int i = 0; i < n; i++) {
            int r = start + i;
            ts[i] = 1704067200000L + (long) (r / perDay) * 86_400_000L + (r % perDay) * 1000L;
            sym.add(SYMS[r % SYMS.length]);
            venue.add(r % 3 == 0 ? "XNYS" : "ARCA");
            note[i] = r % 7 == 0 ? "" : "n" + r;
            qty[i] = r % 11 == 0 ? Integer.MIN_VALUE : r;
            px[i] = r % 13 == 0 ? -Double.MAX_VALUE : r * 0.5;
        }
        return new BasicTable(List.of("ts", "sym", "venue", "note", "qty", "px"),
                List.of(new BasicTimestampVector(ts), new BasicSymbolVector(sym), new BasicSymbolVector(venue), new BasicStringVector(note),
                        new BasicIntVector(qty), new BasicDoubleVector(px)));
    }

    private static void createTicks(DBConnection c, String db) throws Exception {
        c.run("if (existsDatabase('" + db + "')) dropDatabase('" + db + "')\n"
                + "d = database('" + db + "', VALUE, 2024.01.01..2024.01.05)\n"
                + "d.createPartitionedTable(table(1:0, `ts`sym`venue`note`qty`px, [TIMESTAMP, SYMBOL, SYMBOL, STRING, INT, DOUBLE]), `t, `ts)");
    }

    private static BasicTable concat(List<BasicTable> blocks) {
        BasicTable first = blocks.get(0);
        List<Vector> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < first.columns(); c++) {
            names.add(first.getColumnName(c));
            List<Vector> parts = new ArrayList<>();
            for (BasicTable b : blocks) parts.add(b.getColumn(c));
            cols.add(io.ddbsync.standin.value.Vectors.concat(parts));
        }
        return new BasicTable(names, cols);
    }

    private static List<BasicTable> fetch(DBConnection c, String script, int fetchSize) throws Exception {
        EntityBlockReader reader = (EntityBlockReader) c.run(script, (ProgressListener) null, 4, 2, fetchSize);
        List<BasicTable> blocks = new ArrayList<>();
        while (reader.hasNext()) blocks.add((BasicTable) reader.read());
        return blocks;
    }

    @Test
    void fetchSizeBlocksCrossSegmentsLargerThanFetchSizeAndPartitions() throws Exception {
        try (TestCluster cluster = TestCluster.start()) {
            DBConnection c = cluster.connect();
            createTicks(c, "dfs://scan");
            int perDay = 12_000;
            int total = 3 * perDay;
            // segments of 12000 rows (more than fetchSize 8192), 5000 and 7000 rows, over three partitions
            int[] blockSizes = {12_000, 5_000, 7_000, 12_000};
            int at = 0;
            for (int n : blockSizes) {
                assertEquals(n, ((BasicInt) c.run("tableInsert{loadTable('dfs://scan', 't')}", List.of(ticks(at, n, perDay)))).getInt());
                at += n;
            }
            List<BasicTable> blocks = fetch(c, "select * from loadTable('dfs://scan', 't')", 8192);
            int expectedBlocks = (total + 8191) / 8192;
            assertEquals(expectedBlocks, blocks.size());
            for (int b = 0; b < blocks.size() - 1; b++) assertEquals(8192, blocks.get(b).rows(), "block " + b + " holds fetchSize rows");
            assertSameContent(ticks(0, total, perDay), concat(blocks));
            // the connection stays in step after the stream
            assertEquals(total, ((Scalar) c.run("exec count(*) from loadTable('dfs://scan', 't')")).getNumber().intValue());
            assertSameContent(ticks(0, total, perDay), (BasicTable) c.run("select * from loadTable('dfs://scan', 't')"));
            c.close();
        }
    }

    @Test
    void wherePlainColumnsAndAliasesOverStoredPartitions() throws Exception {
        try (TestCluster cluster = TestCluster.start()) {
            DBConnection c = cluster.connect();
            createTicks(c, "dfs://where");
            int perDay = 1000;
            c.run("tableInsert{loadTable('dfs://where', 't')}", List.of(ticks(0, 3 * perDay, perDay)));
            BasicTable all = ticks(0, 3 * perDay, perDay);
            // a where that whole partitions satisfy, and one that only some rows of a partition do
            BasicTable day2 = (BasicTable) c.run("select * from loadTable('dfs://where', 't') where date(ts) = 2024.01.02");
            assertSameContent(rows(all, perDay, perDay), day2);
            BasicTable some = (BasicTable) c.run("select * from loadTable('dfs://where', 't') where date(ts) = 2024.01.02, qty < 1100");
            List<Integer> expected = new ArrayList<>();
            for (int r = perDay; r < 2 * perDay; r++) if (r < 1100 || r % 11 == 0) expected.add(r); // NULL (multiples of 11) sorts below any value
            assertSameContent((BasicTable) all.getSubTable(expected.stream().mapToInt(Integer::intValue).toArray()), some);
            // plain columns, an alias, a repeated column, a name in another case
            BasicTable proj = (BasicTable) c.run("select px, sym as s, px, QTY from loadTable('dfs://where', 't')");
            assertEquals(List.of("px", "s", "px_1", "QTY"), List.of(proj.getColumnName(0), proj.getColumnName(1), proj.getColumnName(2), proj.getColumnName(3)));
            for (int r = 0; r < all.rows(); r += 97) {
                assertEquals(all.getColumn("px").getString(r), proj.getColumn(0).getString(r));
                assertEquals(all.getColumn("sym").getString(r), proj.getColumn(1).getString(r));
                assertEquals(all.getColumn("qty").getString(r), proj.getColumn(3).getString(r));
            }
            // a stored scan assigned to a variable is an ordinary table for what follows
            c.run("x = select * from loadTable('dfs://where', 't')\nupdate x set qty = 0 where sym = `IBM\ndelete from x where sym = `MSFT");
            assertEquals(all.rows() - all.rows() / SYMS.length, ((BasicInt) c.run("rows(x)")).getInt());
            assertEquals(0L, ((BasicLong) c.run("exec sum(qty) from x where sym = `IBM")).getLong());
            c.close();
        }
    }

    private static BasicTable rows(BasicTable t, int start, int count) {
        int[] keep = new int[count];
        for (int i = 0; i < count; i++) keep[i] = start + i;
        return (BasicTable) t.getSubTable(keep);
    }

    @Test
    void compressedUploadsMultiPartitionBlocksAndSeveralSymbolColumns() throws Exception {
        try (TestCluster cluster = TestCluster.start()) {
            DBConnection plain = cluster.connect();
            createTicks(plain, "dfs://mixed");
            DBConnection compressed = new DBConnection(false, false, true);
            assertTrue(compressed.connect(cluster.host(), cluster.port(), cluster.user(), cluster.password()));
            int perDay = 700;
            // each block spans several partitions; the compressed one arrives with DT_COMPRESS columns
            BasicTable first = ticks(0, 2000, perDay);
            BasicTable second = ticks(2000, 1500, perDay);
            assertEquals(2000, ((BasicInt) compressed.run("tableInsert{loadTable('dfs://mixed', 't')}", List.of(first))).getInt());
            assertEquals(1500, ((BasicInt) plain.run("tableInsert{loadTable('dfs://mixed', 't')}", List.of(second))).getInt());
            BasicTable all = ticks(0, 3500, perDay);
            BasicTable back = (BasicTable) plain.run("select * from loadTable('dfs://mixed', 't') order by ts");
            assertSameContent(all, back);
            BasicTable partitions = (BasicTable) plain.run("select count(*) as n from loadTable('dfs://mixed', 't') group by date(ts)");
            assertEquals(5, partitions.rows());
            assertSameContent(all, concat(fetch(compressed, "select * from loadTable('dfs://mixed', 't')", 8192)));
            // both SYMBOL columns read back per value
            BasicTable bySym = (BasicTable) plain.run("select count(*) as n from loadTable('dfs://mixed', 't') group by sym, venue");
            assertTrue(bySym.rows() >= 8);
            plain.close();
            compressed.close();
        }
    }

    @Test
    void everyTypeStoredAndScannedWithoutDecoding() throws Exception {
        try (TestCluster cluster = TestCluster.start()) {
            DBConnection compressed = new DBConnection(false, false, true);
            assertTrue(compressed.connect(cluster.host(), cluster.port(), cluster.user(), cluster.password()));
            BasicTable data = allTypes();
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < data.columns(); i++) names.append('`').append(data.getColumnName(i));
            compressed.run("db = database('dfs://alltypes', VALUE, 1 2 3)\n"
                    + "db.createPartitionedTable(table(1:0, " + names + ", " + typeNames(data) + "), `t, `k)");
            compressed.run("tableInsert{loadTable('dfs://alltypes', 't')}", List.of(data));
            assertSameContent(data, (BasicTable) compressed.run("select * from loadTable('dfs://alltypes', 't')"));
            DBConnection plain = cluster.connect();
            plain.run("tableInsert{loadTable('dfs://alltypes', 't')}", List.of(data));
            BasicTable twice = (BasicTable) plain.run("select * from loadTable('dfs://alltypes', 't') where k = 2");
            assertSameContent((BasicTable) data.getSubTable(new int[]{1, 1}), twice);
            plain.close();
            compressed.close();
        }
    }

    @Test
    void manySmallWritesMergeIntoOneSegmentWithEveryRow() throws Exception {
        try (TestCluster cluster = TestCluster.start()) {
            DBConnection c = cluster.connect();
            createTicks(c, "dfs://merge");
            int perDay = 100_000;
            int writes = 60; // more than a partition collects before a write merges its segments
            for (int w = 0; w < writes; w++) c.run("tableInsert{loadTable('dfs://merge', 't')}", List.of(ticks(w * 10, 10, perDay)));
            assertSameContent(ticks(0, writes * 10, perDay), (BasicTable) c.run("select * from loadTable('dfs://merge', 't')"));
            c.close();
        }
    }
}
