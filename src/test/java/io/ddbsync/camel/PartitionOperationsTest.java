package io.ddbsync.camel;

import com.xxdb.data.Scalar;
import io.ddbsync.standin.TestCluster;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** partitions, stats and clearPartition on VALUE (TIMESTAMP in DATE), RANGE, HASH, LIST and COMPO tables. */
class PartitionOperationsTest extends DolphinDBTestSupport {
    @TempDir
    static Path state;
    private static FileStateRepository statsCache;

    @Override
    protected RouteBuilder createRouteBuilder() {
        statsCache = FileStateRepository.fileStateRepository(new File(state.toFile(), "stats-cache.txt"));
        context.getRegistry().bind("statsCache", statsCache);
        context.getRegistry().bind("brokenCache", new org.apache.camel.support.processor.state.MemoryStateRepository() {
            @Override
            public String getState(String key) {
                throw new org.apache.camel.RuntimeCamelException(new java.io.IOException("No space left on device"));
            }

            @Override
            public void setState(String key, String value) {
                throw new org.apache.camel.RuntimeCamelException(new java.io.IOException("No space left on device"));
            }
        });
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:partitions").to("dolphindb:src?operation=partitions&table=mt");
                from("direct:stats-cached").to("dolphindb:src?operation=stats&table=mt&statsCache=#statsCache");
                // streamed stats read to the end within the exchange, as the offline verification reads them
                from("direct:stats-streamed").to("dolphindb:src?operation=stats&table=mt&statsCache=#statsCache&outputType=streamList")
                        .process(e -> {
                            List<Object> read = new ArrayList<>();
                            e.getMessage().getBody(Iterator.class).forEachRemaining(read::add);
                            e.getMessage().setBody(read);
                        });
                // streamed stats not read: the exchange ends with them (their connection must be given back)
                from("direct:stats-streamed-unread").to("dolphindb:src?operation=stats&table=mt&outputType=streamList");
                from("direct:stats-broken-cache").to("dolphindb:src?operation=stats&table=mt&statsCache=#brokenCache");
                from("direct:stats-src").to("dolphindb:src?operation=stats&table=mt");
                from("direct:stats-dst").to("dolphindb:dst?operation=stats&table=mt");
                from("direct:clear").to("dolphindb:src?operation=clearPartition&table=mt");
            }
        };
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> call(String uri, String db, Map<String, Object> headers) {
        Exchange out = template.request(uri, e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().getHeaders().putAll(headers);
        });
        if (out.getException() != null) fail(out.getException());
        return out.getMessage().getBody(List.class);
    }

    /** Every partition's filter selects exactly its rows: the counts add up and match the metadata. */
    private void assertFiltersExact(TestCluster cluster, String db, List<Partition> parts) throws Exception {
        long total = 0;
        for (Partition p : parts) {
            long n = ((Scalar) cluster.run("exec count(*) from loadTable('" + db + "', 'mt') where " + p.filter())).getNumber().longValue();
            assertEquals(p.rows(), n, p.toString());
            total += n;
        }
        assertEquals(cluster.count(db, "mt"), total);
    }

    @Test
    void valuePartitionsOfATimestampColumn() throws Exception {
        String db = createTradesTable(src, 3);
        List<Partition> parts = call("direct:partitions", db, Map.of());
        assertEquals(List.of("/20240101", "/20240102", "/20240103"), parts.stream().map(Partition::path).toList());
        assertEquals("partition(Timestamp, 2024.01.02)", parts.get(1).filter());
        assertFiltersExact(src, db, parts);
        List<Partition> touched = call("direct:partitions", db, Map.of(DolphinDBConstants.WHERE, "Timestamp >= 2024.01.02T12:00:00.000"));
        assertEquals(List.of("/20240103"), touched.stream().map(Partition::path).toList());
    }

    @Test
    void rangeHashListAndCompo() throws Exception {
        String range = TestCluster.uniqueDb("range");
        src.run("db = database('" + range + "', RANGE, 0 50 100 150)\n"
                + "t = table(1:0, `id`v, [INT, DOUBLE]); db.createPartitionedTable(t, `mt, `id)\n"
                + "loadTable('" + range + "', 'mt').append!(table(0..120 as id, 0.5 * (0..120) as v))");
        List<Partition> r = call("direct:partitions", range, Map.of());
        assertEquals(List.of("/0_50", "/100_150", "/50_100"), r.stream().map(Partition::path).toList());
        assertEquals("partition(id, 2)", r.get(1).filter());
        assertFiltersExact(src, range, r);

        String hash = TestCluster.uniqueDb("hash");
        src.run("db = database('" + hash + "', HASH, [SYMBOL, 4])\n"
                + "t = table(1:0, `sym`v, [SYMBOL, INT]); db.createPartitionedTable(t, `mt, `sym)\n"
                + "loadTable('" + hash + "', 'mt').append!(table(take(`A`B`C`D`E`F`G, 70) as sym, 1..70 as v))");
        assertFiltersExact(src, hash, call("direct:partitions", hash, Map.of()));

        String list = TestCluster.uniqueDb("list");
        src.run("db = database('" + list + "', LIST, [`IBM`MSFT, `AAPL, `ORCL])\n"
                + "t = table(1:0, `sym`v, [SYMBOL, INT]); db.createPartitionedTable(t, `mt, `sym)\n"
                + "loadTable('" + list + "', 'mt').append!(table(take(`IBM`MSFT`AAPL, 30) as sym, 1..30 as v))");
        List<Partition> l = call("direct:partitions", list, Map.of());
        assertEquals(2, l.size());
        assertFiltersExact(src, list, l);

        String compo = TestCluster.uniqueDb("compo");
        src.run("db1 = database('', VALUE, 2024.01.01..2024.01.03); db2 = database('', HASH, [SYMBOL, 3])\n"
                + "db = database('" + compo + "', COMPO, [db1, db2])\n"
                + "t = table(1:0, `d`sym`v, [DATE, SYMBOL, INT]); db.createPartitionedTable(t, `mt, `d`sym)\n"
                + "loadTable('" + compo + "', 'mt').append!(table(take(2024.01.01..2024.01.03, 60) as d, take(`A`B`C`D`E, 60) as sym, 1..60 as v))");
        List<Partition> c = call("direct:partitions", compo, Map.of());
        assertTrue(c.size() > 3);
        assertTrue(c.get(0).filter().matches("partition\\(d, 2024\\.01\\.01\\) and partition\\(sym, \\d\\)"), c.get(0).filter());
        assertFiltersExact(src, compo, c);
    }

    @Test
    void statsAreEqualForEqualDataWrittenInAnotherOrder() throws Exception {
        String db = TestCluster.uniqueDb("stats");
        String create = "db = database('" + db + "', VALUE, 2024.01.01..2024.01.05)\n"
                + "t = table(1:0, `ts`sym`qty`price`note, [TIMESTAMP, SYMBOL, LONG, DOUBLE, STRING]); db.createPartitionedTable(t, `mt, `ts)\n";
        String data = "data = table(2024.01.01T09:00:00.000 + (0..39) * 3600000 as ts, take(`A`B`C, 40) as sym, long(1..40) as qty, "
                + "1.0 / (1..40) as price, take([\"x\", \"\", \"y z\"], 40) as note)\n";
        src.run(create + data + "loadTable('" + db + "', 'mt').append!(data)");
        // the target gets the same rows in reverse order and in two batches
        dst.run(create + data
                + "loadTable('" + db + "', 'mt').append!(select * from data where qty > 20 order by ts desc)\n"
                + "loadTable('" + db + "', 'mt').append!(select * from data where qty <= 20 order by ts desc)");
        List<PartitionStats> a = call("direct:stats-src", db, Map.of());
        List<PartitionStats> b = call("direct:stats-dst", db, Map.of());
        // 40 hourly rows from 2024.01.01T09:00: 15, 24 and 1 rows a day
        assertEquals(List.of(15L, 24L, 1L), a.stream().map(PartitionStats::rows).toList());
        assertEquals(a.toString(), b.toString());
        assertTrue(a.get(1).matches(b.get(1)));

        // a change of one double in its 16th digit, which string() would not show, changes that partition's checksum only
        dst.run("pt = loadTable('" + db + "', 'mt'); update pt set price = 0.2 + 0.000000000000001 where qty == 5l");
        List<PartitionStats> changed = call("direct:stats-dst", db, Map.of());
        assertFalse(a.get(0).matches(changed.get(0)));
        assertEquals(a.get(0).rows(), changed.get(0).rows());
        assertTrue(a.get(1).matches(changed.get(1)));

        // putting the value back makes the partitions equal again
        dst.run("pt = loadTable('" + db + "', 'mt'); update pt set price = 1.0 / qty where qty == 5l");
        assertTrue(a.get(0).matches(this.<PartitionStats>call("direct:stats-dst", db, Map.of()).get(0)));

        // text moved between rows: same multiset of values per column, other rows
        dst.run("pt = loadTable('" + db + "', 'mt'); update pt set note = \"y z\" where qty == 1l");
        dst.run("pt = loadTable('" + db + "', 'mt'); update pt set note = \"x\" where qty == 3l");
        assertFalse(a.get(0).matches(this.<PartitionStats>call("direct:stats-dst", db, Map.of()).get(0)));
    }

    @Test
    void statsTakenAtAPartitionsVersionAreReusedUntilAWriteToThePartitionChangesIt() throws Exception {
        String db = createTradesTable(src, 2);
        List<PartitionStats> scanned = call("direct:stats-cached", db, Map.of());
        assertEquals(List.of(10L, 10L), scanned.stream().map(PartitionStats::rows).toList());
        String key = cachedKey(db, "/20240101");
        String[] versionRowsChecksum = statsCache.getState(key).split(" ");
        assertEquals("10", versionRowsChecksum[1]);
        assertEquals(scanned.get(0).checksum(), versionRowsChecksum[2]);

        // a checksum planted under the partition's current version is what stats returns: nothing was scanned
        String planted = "0123456789abcdef0123456789abcdef";
        statsCache.setState(key, versionRowsChecksum[0] + " 10 " + planted);
        List<PartitionStats> remembered = call("direct:stats-cached", db, Map.of());
        assertEquals(planted, remembered.get(0).checksum());
        assertEquals(scanned.get(1).toString(), remembered.get(1).toString());

        // a write to the partition changes its version: it is scanned again, and only it
        src.run("t = table(2024.01.01T18:00:00.000 as Timestamp, `IBM as sym, 99 as qty, 9.9 as price); loadTable('" + db + "', 'mt').append!(t)");
        List<PartitionStats> afterWrite = call("direct:stats-cached", db, Map.of());
        assertEquals(11, afterWrite.get(0).rows());
        assertNotEquals(planted, afterWrite.get(0).checksum());
        assertEquals(call("direct:stats-src", db, Map.of()).toString(), afterWrite.toString(), "the cached stats equal a scan without the cache");
        assertNotEquals(versionRowsChecksum[0], statsCache.getState(key).split(" ")[0]);

        // so does rewriting it with the same number of rows
        src.run("pt = loadTable('" + db + "', 'mt'); update pt set price = 1.5 where qty == 99");
        List<PartitionStats> afterUpdate = call("direct:stats-cached", db, Map.of());
        assertNotEquals(afterWrite.get(0).checksum(), afterUpdate.get(0).checksum());
        assertEquals(call("direct:stats-src", db, Map.of()).toString(), afterUpdate.toString());

        // the file keeps one entry per partition, and a restarted runner reads it back
        assertEquals(statsCache.getState(key), readBackFromFile(key));
    }

    /** The entry as a runner started again would read it from the cache's file. */
    private static String readBackFromFile(String key) {
        FileStateRepository reopened = FileStateRepository.fileStateRepository(statsCache.getFileStore());
        reopened.start();
        try {
            return reopened.getState(key);
        } finally {
            reopened.stop();
        }
    }

    @Test
    void statsOfMorePartitionsThanOneBatchHoldsMatchEachPartitionScannedAlone() throws Exception {
        // two levels, 1,200 partitions: the scans of one stats call go in two batches, and with the
        // cache, scanned partitions are mixed with remembered ones
        String db = TestCluster.uniqueDb("batches");
        src.run("db1 = database('', VALUE, 2024.01.01..2025.02.03); db2 = database('', HASH, [INT, 3])\n"
                + "db = database('" + db + "', COMPO, [db1, db2])\n"
                + "t = table(1:0, `d`id`v, [DATE, INT, DOUBLE]); db.createPartitionedTable(t, `mt, `d`id)\n"
                + "n = 4800\n"
                + "loadTable('" + db + "', 'mt').append!(table(2024.01.01 + (0..(n-1)) % 400 as d, int(0..(n-1)) / 400 as id, 0.25 * (0..(n-1)) as v))");
        List<Partition> partitions = call("direct:partitions", db, Map.of());
        assertTrue(partitions.size() > PartitionOperations.SCAN_BATCH_PARTITIONS, () -> partitions.size() + " partitions");
        List<PartitionStats> all = call("direct:stats-src", db, Map.of());
        assertEquals(partitions.stream().map(Partition::path).toList(), all.stream().map(PartitionStats::path).toList());
        assertEquals(src.count(db, "mt"), all.stream().mapToLong(PartitionStats::rows).sum());
        // around the batch boundary and at both ends, each against a call for that partition alone and the test's own count
        for (int i : new int[] {0, PartitionOperations.SCAN_BATCH_PARTITIONS - 1, PartitionOperations.SCAN_BATCH_PARTITIONS, partitions.size() - 1}) {
            Partition p = partitions.get(i);
            List<PartitionStats> alone = call("direct:stats-src", db, Map.of(DolphinDBConstants.PARTITION, p.path()));
            assertEquals(alone.get(0).toString(), all.get(i).toString(), p.path());
            long counted = ((Scalar) src.run("exec count(*) from loadTable('" + db + "', 'mt') where " + p.filter())).getNumber().longValue();
            assertEquals(counted, all.get(i).rows(), p.path());
        }

        call("direct:stats-cached", db, Map.of());
        src.run("pt = loadTable('" + db + "', 'mt'); update pt set v = -1.0 where d == 2024.03.01 or d == 2025.01.01");
        List<PartitionStats> mixed = call("direct:stats-cached", db, Map.of());
        assertEquals(call("direct:stats-src", db, Map.of()).toString(), mixed.toString(), "remembered and scanned partitions in their places");
        assertTrue(mixed.stream().filter(PartitionStats::remembered).count() >= partitions.size() - 6, "only the written partitions were scanned");
        assertFalse(mixed.stream().allMatch(PartitionStats::remembered));

        // streamed, a window at a time: the same stats, remembered ones and scanned ones in their places
        src.run("pt = loadTable('" + db + "', 'mt'); update pt set v = -2.0 where d == 2024.02.01 or d == 2025.02.01");
        List<PartitionStats> streamed = call("direct:stats-streamed", db, Map.of());
        assertEquals(call("direct:stats-src", db, Map.of()).toString(), streamed.toString());
        assertEquals(partitions.stream().map(Partition::filter).toList(), streamed.stream().map(PartitionStats::filter).toList());
        assertTrue(streamed.stream().filter(PartitionStats::remembered).count() >= partitions.size() - 6, "only the written partitions were scanned");
        assertFalse(streamed.stream().allMatch(PartitionStats::remembered));
        // a stream left unread past its first window cannot be read once its exchange is done, and gives its
        // connection back: more such calls than the pool has connections all go through
        Exchange unread = null;
        for (int i = 0; i < 12; i++) {
            unread = template.request("direct:stats-streamed-unread", e -> e.getMessage().setHeader(DolphinDBConstants.DATABASE, db));
            assertNull(unread.getException());
        }
        Iterator<?> closed = unread.getMessage().getBody(Iterator.class);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> closed.forEachRemaining(x -> { }));
        assertTrue(e.getMessage().startsWith(db + "/mt: the partition stats were closed"), e.getMessage());
    }

    @Test
    void aStatsCacheThatFailsOnlyCostsScans() throws Exception {
        String db = createTradesTable(src, 2);
        List<PartitionStats> withoutCache = call("direct:stats-src", db, Map.of());
        List<PartitionStats> withBrokenCache = call("direct:stats-broken-cache", db, Map.of());
        assertEquals(withoutCache.toString(), withBrokenCache.toString());
        assertFalse(withBrokenCache.get(0).remembered());
    }

    @Test
    void aPartitionWhosePathHoldsTheFilesSeparatorIsRememberedAcrossARestart() throws Exception {
        String db = TestCluster.uniqueDb("symbols");
        src.run("db = database('" + db + "', VALUE, [\"a=b\", \"c\"])\n"
                + "t = table(1:0, `Timestamp`sym`qty`price, [TIMESTAMP, SYMBOL, INT, DOUBLE]); db.createPartitionedTable(t, `mt, `sym)\n"
                + "loadTable('" + db + "', 'mt').append!(table(take(2024.01.01T00:00:00.000, 4) as Timestamp, symbol([\"a=b\", \"c\", \"a=b\", \"c\"]) as sym, 1..4 as qty, 1.0 * (1..4) as price))");
        List<PartitionStats> scanned = call("direct:stats-cached", db, Map.of());
        assertEquals(List.of("/a=b", "/c"), scanned.stream().map(PartitionStats::path).toList());
        assertFalse(scanned.get(0).remembered());

        String key = cachedKey(db, "/a%3Db");
        String fromFile = readBackFromFile(key);
        assertEquals(statsCache.getState(key), fromFile);
        assertTrue(fromFile.endsWith(" 2 " + scanned.get(0).checksum()), fromFile);
        List<PartitionStats> again = call("direct:stats-cached", db, Map.of());
        assertTrue(again.get(0).remembered());
        assertEquals(scanned.toString(), again.toString());
    }

    /** The cache's key for a partition of db's mt (the only one for that table and partition). */
    private static String cachedKey(String db, String path) {
        List<String> keys = statsCache.getCache().keySet().stream().filter(k -> k.contains(db + "/mt|") && k.endsWith("|" + path)).toList();
        assertEquals(1, keys.size(), keys.toString());
        return keys.get(0);
    }

    @Test
    void statsOfOnePartitionAndOfAMissingOne() throws Exception {
        String db = createTradesTable(src, 2);
        List<PartitionStats> one = call("direct:stats-src", db, Map.of(DolphinDBConstants.PARTITION, "/20240102"));
        assertEquals(1, one.size());
        assertEquals(10, one.get(0).rows());
        List<PartitionStats> none = call("direct:stats-src", db, Map.of(DolphinDBConstants.PARTITION, "/20240109"));
        assertEquals(0, none.get(0).rows());
        List<PartitionStats> outside = call("direct:stats-src", db, Map.of(DolphinDBConstants.PARTITION, "/20300101"));
        assertEquals(0, outside.get(0).rows());
    }

    @Test
    void clearPartitionRemovesOnlyThatPartitionAndIsIdempotent() throws Exception {
        String db = createTradesTable(src, 3);
        Exchange out = template.request("direct:clear", e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().setHeader(DolphinDBConstants.PARTITION, "/20240102");
        });
        assertNull(out.getException());
        assertEquals(10L, out.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
        assertEquals(20L, src.count(db, "mt"));
        assertEquals(0L, ((Scalar) src.run("exec count(*) from loadTable('" + db + "', 'mt') where date(Timestamp) == 2024.01.02")).getNumber().longValue());
        Exchange again = template.request("direct:clear", e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().setHeader(DolphinDBConstants.PARTITION, "/20240102");
        });
        assertNull(again.getException());
        assertEquals(0L, again.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
    }

    /** A new database (its path in the script's variable db) with a table mt of those columns, partitioned and written as given. */
    private static String createMt(String prefix, String database, String columns, String partitionColumns, String rows) throws Exception {
        String db = TestCluster.uniqueDb(prefix);
        src.run("db = '" + db + "'\nd = " + database + "\nd.createPartitionedTable(" + columns + ", `mt, " + partitionColumns + ")\n"
                + "loadTable(db, 'mt').append!(" + rows + ")");
        return db;
    }

    private Exchange clear(String db, String path) {
        return template.request("direct:clear", e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().setHeader(DolphinDBConstants.PARTITION, path);
        });
    }

    /** Rows per value of v, by the test's own query. */
    private static Map<Integer, Long> rowsByValue(TestCluster cluster, String db) throws Exception {
        com.xxdb.data.BasicTable t = (com.xxdb.data.BasicTable) cluster.run("select count(*) as n from loadTable('" + db + "', 'mt') group by v");
        Map<Integer, Long> out = new java.util.TreeMap<>();
        for (int i = 0; i < t.rows(); i++) out.put(((Scalar) t.getColumn("v").get(i)).getNumber().intValue(), ((Scalar) t.getColumn("n").get(i)).getNumber().longValue());
        return out;
    }

    /**
     * The listing's pattern "/db/1%" also lists /10 and /11: clearing /1, which holds no rows, drops
     * nothing (dropPartition of an empty partition would fail or touch nothing); clearing /10 drops
     * /10 alone.
     */
    @Test
    void clearPartitionOfAValueThatOthersStartWithTouchesOnlyItsOwnRows() throws Exception {
        String db = createMt("prefix", "database(db, VALUE, 1..12)", "table(1:0, `v`x, [INT, DOUBLE])", "`v",
                "table(take(10 11 2, 30) as v, 0.5 * (1..30) as x)");
        Map<Integer, Long> before = rowsByValue(src, db);
        assertEquals(Map.of(2, 10L, 10, 10L, 11, 10L), before);

        Exchange none = clear(db, "/1");
        assertNull(none.getException());
        assertEquals(0L, none.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
        assertEquals(before, rowsByValue(src, db));

        Exchange ten = clear(db, "/10");
        assertNull(ten.getException());
        assertEquals(10L, ten.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
        assertEquals(Map.of(2, 10L, 11, 10L), rowsByValue(src, db));
    }

    /** A COMPO path must name every level: a first-level path is refused, naming the levels, and nothing is dropped. */
    @Test
    void clearPartitionRefusesAPathThatDoesNotNameEveryLevel() throws Exception {
        String db = createMt("compoclear", "database(db, COMPO, [database('', VALUE, 2024.01.01..2024.01.03), database('', HASH, [INT, 3])])",
                "table(1:0, `d`v, [DATE, INT])", "`d`v", "table(take(2024.01.01..2024.01.03, 60) as d, 1..60 as v)");
        Exception e = AppendOperationTest.failure(clear(db, "/20240101"));
        assertTrue(e.getMessage().contains("/20240101") && e.getMessage().contains("one directory per partition level"), e.getMessage());
        assertEquals(60L, src.count(db, "mt"));
        List<Partition> parts = call("direct:partitions", db, Map.of());
        Exchange one = clear(db, parts.get(0).path());
        assertNull(one.getException());
        assertEquals(parts.get(0).rows(), one.getMessage().getHeader(DolphinDBConstants.ROW_COUNT));
        assertEquals(60L - parts.get(0).rows(), src.count(db, "mt"));
    }

    @Test
    void clearPartitionNeedsAPartition() throws Exception {
        String db = createTradesTable(src, 1);
        Exchange out = template.request("direct:clear", e -> e.getMessage().setHeader(DolphinDBConstants.DATABASE, db));
        assertTrue(AppendOperationTest.failure(out).getMessage().contains("needs the partition option"));
    }
}
