package io.ddbsync.sync.online;

import io.ddbsync.camel.DolphinDBConstants;
import io.ddbsync.sync.run.RunReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The partitions of every table of a job go through the job's one pool, the largest first across
 * tables (issue 18): a table of large partitions does not wait for a table of many small ones to
 * end, to then drag out the end of the run on its own.
 */
class OnePoolAcrossTablesTest extends OnlineSyncTestSupport {
    private static final List<String> BIG_DAYS = List.of("/20240101", "/20240102", "/20240103", "/20240104");

    @Test
    void theLargePartitionsOfOneTableStartBeforeTheSmallOnesOfAnotherAndEveryTableVerifies() throws Exception {
        // mt: 10 small partitions (50 rows a day); trades, synced after mt were tables synced one after the other
        // (tables go in name order): 4 large ones (4,000 rows a day)
        String db = createTicks(src, 10, 50);
        createTickTables(src, db, "trades");
        for (int day = 0; day < BIG_DAYS.size(); day++) appendDay(src, db, "trades", day, 4_000, 1_000_000L + day * 4_000L);
        String job = job(db, params("tables", "mt, trades", "table", "", "parallel", "2"));
        // the order partitions start in: each starts by querying its partition on the source, once it holds a copy slot
        List<String> started = new CopyOnWriteArrayList<>();
        AtomicInteger targetListings = new AtomicInteger();
        RunReport report = runWatchingSends(job, (uri, exchange) -> {
            if (startsCopy(uri)) {
                String table = uri.contains("table=trades") ? "trades" : uri.contains("table=mt") ? "mt" : uri;
                started.add(table + " " + exchange.getMessage().getHeader(DolphinDBConstants.PARTITION, String.class));
            }
            if (uri.startsWith("dolphindb://target") && uri.contains("operation=partitions")) targetListings.incrementAndGet();
        });
        assertTrue(report.succeeded(), report::render);
        assertEquals(14, started.size(), started::toString);
        // the job's 2 x parallel threads take the 4 largest partitions first (the small ones wait in the pool's queue until
        // a large one has ended), and the fair slots let them start before any small one
        assertEquals(Set.copyOf(BIG_DAYS.stream().map(d -> "trades " + d).toList()), Set.copyOf(started.subList(0, 4)),
                "the large partitions of trades start first: " + started);
        assertTrue(started.subList(4, 14).stream().allMatch(s -> s.startsWith("mt ")), started::toString);
        // the target's versions: each table's listings for its plan and at the end of its round, and none a partition
        // (each partition's version came with its last append)
        assertEquals(4, targetListings.get());
        // each table has its own report, verified
        assertEquals(2, report.tables().size(), report::render);
        for (RunReport table : report.tables().values()) assertTrue(table.succeeded(), report::render);
        // judged by the test's own queries on both clusters, partition by partition, in both tables
        for (String table : List.of("mt", "trades")) {
            assertEquals(PartitionFingerprints.of(src, db, table), PartitionFingerprints.of(dst, db, table), table);
        }
        assertEquals(10, PartitionFingerprints.of(dst, db, "mt").size());
        assertEquals(4, PartitionFingerprints.of(dst, db, "trades").size());
    }

    /**
     * In the one pool, each table keeps its own end: a table whose target differs fails alone, one
     * written on the source during the run is copied again in the pool's catch-up round, and the
     * others end equal to their source.
     */
    @Test
    void aTableWrittenDuringTheRunIsCaughtUpAndATableThatFailsFailsAlone() throws Exception {
        String db = createTicks(src, 10, 50);
        createTickTables(src, db, "trades", "quotes");
        for (int day = 0; day < BIG_DAYS.size(); day++) appendDay(src, db, "trades", day, 4_000, 1_000_000L + day * 4_000L);
        appendDay(src, db, "quotes", 0, 100, 2_000_000L);
        // on the target, a quotes table of other columns, with a row of its own: the job must leave it as it is
        dst.run("db = database('" + db + "', VALUE, 2024.01.01..2024.01.10)\n"
                + "db.createPartitionedTable(table(1:0, `Timestamp`x, [TIMESTAMP, INT]), `quotes, `Timestamp)\n"
                + "loadTable('" + db + "', 'quotes').append!(table(2024.01.01T00:00:00.000 as Timestamp, 7 as x))");
        String job = job(db, params("tables", "*", "table", "", "parallel", "2"));
        // once the pool has started, the source's mt gets rows on its last day, after the plan listed it
        AtomicBoolean written = new AtomicBoolean();
        RunReport report = runWatchingSends(job, (uri, exchange) -> {
            if (startsCopy(uri) && written.compareAndSet(false, true)) {
                appendDay(src, db, "mt", 9, 30, 3_000_000L);
            }
        });
        assertTrue(written.get(), "the source was written during the run");
        assertFalse(report.succeeded(), report::render);
        assertTrue(report.error().contains("1 of 3 tables failed") && report.error().contains(db + "/quotes"), report.error());
        RunReport quotes = report.tables().get(db + "/quotes");
        assertNotNull(quotes, report::render);
        assertTrue(quotes.error().contains("differs from the source"), quotes::render);
        RunReport mt = report.tables().get(db + "/mt");
        assertTrue(mt.succeeded(), report::render);
        assertTrue(mt.render().contains("1 catch-up round"), mt::render);
        assertTrue(report.tables().get(db + "/trades").succeeded(), report::render);
        // judged by the test's own queries on both clusters: mt with the rows written during the run, trades, quotes untouched
        Map<String, String> mtSource = PartitionFingerprints.of(src, db, "mt");
        assertTrue(mtSource.get("2024.01.10").startsWith("rows=80 "), mtSource::toString);
        for (String table : List.of("mt", "trades")) {
            assertEquals(PartitionFingerprints.of(src, db, table), PartitionFingerprints.of(dst, db, table), table);
        }
        assertEquals("1 7", dst.run("exec string(count(*)) + ' ' + string(sum(x)) from loadTable('" + db + "', 'quotes')").getString());
    }
}
