package io.ddbsync.sync.online;

import com.xxdb.data.BasicTable;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.run.RunReport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The online-sync template between two stand-ins: windows, incremental runs, column subsets, renames, dry runs, schema checks. */
class OnlineSyncTest extends OnlineSyncTestSupport {

    @Test
    void fullWindowCopiesEveryPartitionInBlocksAndARunAgainRewritesWithoutDuplicates() throws Exception {
        // 17,000 rows: three blocks of at most 8192 rows
        String db = createTicks(src, 3, 2_000);
        appendDay(src, db, 0, 15_000, 1_000_000);
        String job = job(db, params("parallel", "2", "fetchSize", "8192"));

        RunReport first = run(job);
        assertTrue(first.succeeded(), first::render);
        assertEquals(List.of("/20240101", "/20240102", "/20240103"), first.partitions().stream().map(RunReport.PartitionResult::path).sorted().toList());
        for (RunReport.PartitionResult p : first.partitions()) {
            assertEquals("created", p.action(), p.path());
            assertTrue(p.verified(), p.path());
        }
        assertEquals(17_000, partition(first, "/20240101").targetRows());
        assertTrue(first.bytesMoved() > 0);
        assertSameRows(db, db, "mt");
        // the run verified: its keys left the ledger, so the next run copies again
        assertEquals(List.of(), ledgerKeys());

        // clear-then-copy per partition: a second run overwrites and never duplicates a row
        RunReport second = run(job);
        assertTrue(second.succeeded(), second::render);
        assertTrue(second.partitions().stream().allMatch(p -> p.action().equals("overwritten")), second::render);
        assertEquals(21_000, dst.count(db, "mt"));
        assertSameRows(db, db, "mt");
    }

    @Test
    void aPartitionIsClearedByItsFirstAppendWithNoCallOfItsOwn() throws Exception {
        // 3 days copied, then the target's rows of each day differ (one day more rows, one fewer, one no longer on the source)
        String db = createTicks(src, 3, 2_000);
        String job = job(db, params("parallel", "2", "fetchSize", "8192"));
        assertTrue(run(job).succeeded());
        appendDay(dst, db, 0, 50, 5_000_000);
        dst.run("delete from loadTable('" + db + "', 'mt') where date(Timestamp) = 2024.01.02 and id % 2 == 0");
        src.run("dropPartition(database('" + db + "'), '/20240103', 'mt')");
        appendDay(src, db, 0, 15_000, 1_000_000);

        Map<String, AtomicInteger> targetCalls = new ConcurrentHashMap<>();
        RunReport report = runWatchingSends(job, (uri, exchange) -> {
            if (uri.startsWith("dolphindb://target")) {
                String operation = uri.replaceAll(".*operation=([A-Za-z]+).*", "$1");
                targetCalls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            }
        });
        assertTrue(report.succeeded(), report::render);
        // a partition with rows on the source: its blocks appended (the first clearing it), nothing else before its read-back
        // (/20240101: 17,000 rows, 3 blocks; /20240102: 1 block); the day gone from the source is cleared on its own; each is read back
        assertEquals(4, targetCalls.get("append").get(), targetCalls::toString);
        assertEquals(3, targetCalls.get("query").get(), targetCalls::toString);
        assertEquals(1, targetCalls.get("clearPartition").get(), targetCalls::toString);
        // exactly the source's rows: nothing of the target's before, no row twice
        assertEquals(17_000 + 2_000, dst.count(db, "mt"));
        assertSameRows(db, db, "mt");
    }

    @Test
    void anExplicitWindowCopiesOnlyItsPartitions() throws Exception {
        String db = createTicks(src, 4, 500);
        RunReport report = run(job(db, params("window", "2024.01.02..2024.01.03")));
        assertTrue(report.succeeded(), report::render);
        assertEquals(List.of("/20240102", "/20240103"), report.partitions().stream().map(RunReport.PartitionResult::path).sorted().toList());
        assertSameRows(db, db, "mt", "*", "Timestamp >= 2024.01.02T00:00:00.000 and Timestamp < 2024.01.04T00:00:00.000");
    }

    @Test
    void incrementalCopiesOnlyPartitionsThatDiffer() throws Exception {
        String db = createTicks(src, 4, 500);
        assertTrue(run(job(db, params())).succeeded());
        String incremental = job(db, params("incremental", "true"));
        RunReport nothingToDo = run(incremental);
        assertTrue(nothingToDo.succeeded(), nothingToDo::render);
        assertTrue(nothingToDo.partitions().stream().allMatch(p -> p.action().equals("unchanged")), nothingToDo::render);

        // one partition changes on the source, one disappears from the target, one exists on the target only
        appendDay(src, db, 1, 1, 900_000);
        dst.run("dropPartition(database('" + db + "'), '/20240104', 'mt')");
        appendDay(dst, db, 5, 10, 800_000);

        RunReport report = run(incremental);
        assertTrue(report.succeeded(), report::render);
        assertEquals("unchanged", partition(report, "/20240101").action());
        assertEquals("overwritten", partition(report, "/20240102").action());
        assertEquals("unchanged", partition(report, "/20240103").action());
        assertEquals("created", partition(report, "/20240104").action());
        assertEquals("cleared", partition(report, "/20240106").action());
        assertEquals(501, partition(report, "/20240102").targetRows());
        assertSameRows(db, db, "mt");

        // the stats cache: the first incremental run scanned the 4 partitions of each side; this one
        // only what was written since (/20240102 on the source, /20240106 on the target)
        assertTrue(planDetail(nothingToDo).endsWith("partition stats: 8 scanned, 0 unchanged since scanned"), planDetail(nothingToDo));
        assertTrue(planDetail(report).endsWith("partition stats: 2 scanned, 6 unchanged since scanned"), planDetail(report));
        // the next one scans nothing: the two partitions this run copied were verified row for row
        // against source partitions still at the version of their stats, which the target's took on
        RunReport third = run(incremental);
        assertTrue(third.partitions().stream().allMatch(p -> p.action().equals("unchanged")), third::render);
        assertTrue(planDetail(third).endsWith("partition stats: 0 scanned, 8 unchanged since scanned"), planDetail(third));
        assertTrue(third.succeeded(), third::render);
    }

    @Test
    void aSourceWriteBetweenThePlanAndTheCopyIsNotRememberedAsTheTargetsStats() throws Exception {
        String db = createTicks(src, 2, 500);
        assertTrue(run(job(db, params())).succeeded());
        String incremental = job(db, params("incremental", "true", "parallel", "1"));
        appendDay(src, db, 1, 1, 900_000);
        // the plan takes the stats of source /20240102 (501 rows); just before the partition is read,
        // one of its rows changes (same row count), so the copy carries the changed row
        AtomicBoolean changed = new AtomicBoolean();
        RunReport copied = runWatchingSends(incremental, (uri, exchange) -> {
            if (uri.startsWith("dolphindb://source") && uri.contains("operation=query")
                    && "/20240102".equals(exchange.getMessage().getHeader("CamelDolphinDBPartition")) && changed.compareAndSet(false, true)) {
                src.run("pt = loadTable('" + db + "', 'mt'); update pt set price = 1.5 where id == 900000");
            }
        });
        assertTrue(changed.get(), "the row was changed");
        assertTrue(copied.succeeded(), copied::render);
        // the source goes back to the rows its stats in the plan described; the target holds the changed row
        src.run("pt = loadTable('" + db + "', 'mt'); update pt set price = 100.0 + (id % 997) * 0.01 + 1.0 / (1 + id) where id == 900000");
        RunReport next = run(incremental);
        assertTrue(next.succeeded(), next::render);
        // had the plan's source stats been remembered as the target's, the target would look unchanged
        assertEquals("overwritten", partition(next, "/20240102").action(), next::render);
        assertEquals("unchanged", partition(next, "/20240101").action(), next::render);
        assertSameRows(db, db, "mt");
    }

    private static String planDetail(RunReport report) {
        return report.stages().stream().filter(s -> s.name().equals("plan")).findFirst().orElseThrow().detail();
    }

    @Test
    void aColumnSubsetIsCreatedCopiedAndVerifiedOverThoseColumns() throws Exception {
        String db = createTicks(src, 2, 500);
        String job = job(db, params("columns", "Timestamp, id, price", "incremental", "true"));
        RunReport report = run(job);
        assertTrue(report.succeeded(), report::render);
        BasicTable target = (BasicTable) dst.run("select top 1 * from loadTable('" + db + "', 'mt')");
        assertEquals(List.of("Timestamp", "id", "price"), List.of(target.getColumnName(0), target.getColumnName(1), target.getColumnName(2)));
        assertEquals(3, target.columns());
        assertSameRows(db, db, "mt", "Timestamp, id, price", null);
        // stats over the same three columns on both sides: nothing differs
        RunReport again = run(job);
        assertTrue(again.partitions().stream().allMatch(p -> p.action().equals("unchanged")), again::render);
    }

    @Test
    void aRenamedTargetDatabaseAndTableAreCreatedFromTheSourceSchema() throws Exception {
        String db = createTicks(src, 2, 500);
        String copy = TestCluster.uniqueDb("copy");
        RunReport report = run(job(db, params("targetDatabase", copy, "targetTable", "mt2")));
        assertTrue(report.succeeded(), report::render);
        assertFalse(exists(dst, db));
        assertSameRows(db, copy, "mt2");
    }

    @Test
    void aDryRunPrintsThePlanAndWritesNothing() throws Exception {
        String db = createTicks(src, 3, 500);
        Exchange done = runExchange(job(db, params("dryRun", "true")));
        RunReport report = done.getProperty("DdbSyncReport", RunReport.class);
        assertTrue(report.succeeded(), report::render);
        OnlinePlan plan = done.getMessage().getBody(OnlinePlan.class);
        assertEquals(3, plan.count(PartitionTask.Action.CREATE));
        assertEquals(1_500, plan.rowsToCopy());
        assertTrue(plan.bytesToCopy() > 0);
        assertTrue(plan.render().contains("/20240102"), plan::render);
        assertTrue(report.render().contains("would be created"), report::render);
        assertFalse(exists(dst, db), "a dry run created the target database");
        assertEquals(List.of(), ledgerKeys());
    }

    @Test
    void anIncrementalDryRunAgainstAnExistingTargetNamesWhatWouldChange() throws Exception {
        String db = createTicks(src, 3, 500);
        assertTrue(run(job(db, params())).succeeded());
        appendDay(src, db, 2, 5, 700_000);
        Exchange done = runExchange(job(db, params("dryRun", "true", "incremental", "true")));
        OnlinePlan plan = done.getMessage().getBody(OnlinePlan.class);
        assertEquals(List.of("unchanged", "unchanged", "overwrite"), plan.tasks().stream().map(t -> t.action().label()).toList());
        assertEquals(505, plan.rowsToCopy());
        assertEquals(1_500, dst.count(db, "mt"), "a dry run wrote to the target");
    }

    @Test
    void aSchemaMismatchStopsTheRunBeforeWritingWithTheDiff() throws Exception {
        String db = createTicks(src, 2, 500);
        dst.run("db = database('" + db + "', VALUE, 2024.01.01..2024.01.10)\n"
                + "t = table(1:0, `Timestamp`sym`id`qty`price`note, [TIMESTAMP, SYMBOL, LONG, INT, FLOAT, STRING])\n"
                + "db.createPartitionedTable(t, `mt, `Timestamp)\n"
                + "loadTable('" + db + "', 'mt').append!(table(2024.01.01T10:00:00.000 as Timestamp, `IBM as sym, 1l as id, 1 as qty, 1.5f as price, 'x' as note))");
        for (String dryRun : List.of("true", "false")) {
            RunReport report = run(job(db, params("dryRun", dryRun)));
            assertFalse(report.succeeded(), report::render);
            assertTrue(report.error().contains("price") && report.error().contains("DOUBLE") && report.error().contains("FLOAT"), report::render);
            assertTrue(report.partitions().isEmpty(), report::render);
        }
        assertEquals(1, dst.count(db, "mt"));
        assertEquals(List.of(), ledgerKeys());
    }

    @Test
    void withoutVerificationTheRunCopiesButDoesNotCountAsVerified() throws Exception {
        String db = createTicks(src, 2, 500);
        RunReport report = run(job(db, params("verify", "false")));
        assertFalse(report.succeeded(), report::render);
        assertNull(report.error(), report::render);
        assertTrue(report.render().contains("NOT ALL COMPARED"), report::render);
        assertTrue(report.partitions().stream().allMatch(p -> p.action().equals("created") && p.sourceChecksum() == null), report::render);
        assertSameRows(db, db, "mt");
    }

    @Test
    void moreParallelPartitionsThanConnectionsIsRefusedBeforeAnythingStarts() throws Exception {
        String db = createTicks(src, 2, 100);
        RunReport report = run(job(db, params("parallel", "9")));
        assertFalse(report.succeeded());
        assertTrue(report.error().contains("poolSize") && report.error().contains("'source'"), report::render);
        assertFalse(exists(dst, db), "nothing was written");
    }

    @Test
    void exactlyParallelPartitionsAreCopiedAtATime() throws Exception {
        String db = createTicks(src, 7, 200);
        String job = job(db, params("parallel", "3"));
        // a partition copies from its query of the source (held up 300 ms here, so that partitions overlap) until its one block
        // (200 rows) is appended
        AtomicInteger copying = new AtomicInteger();
        AtomicInteger mostCopying = new AtomicInteger();
        RunReport report = runWatchingSends(job, (uri, exchange) -> {
            if (startsCopy(uri)) {
                mostCopying.accumulateAndGet(copying.incrementAndGet(), Math::max);
                Thread.sleep(300);
            }
        }, (uri, exchange) -> {
            if (uri.startsWith("dolphindb://target") && uri.contains("operation=append")) copying.decrementAndGet();
        });
        assertTrue(report.succeeded(), report::render);
        // never more than three, and three at once: no copy slot is held up by the split's own iteration
        assertEquals(3, mostCopying.get(), "partitions copying at the same time, at most");
        assertSameRows(db, db, "mt");
    }

    @Test
    void aPartitionBeingVerifiedLetsTheNextOneCopy() throws Exception {
        String db = createTicks(src, 4, 200);
        String job = job(db, params("parallel", "1"));
        // the first read-back waits until another partition has started copying: with the copy slot still held by the
        // partition being read back, none would, and the read-back would wait in vain
        CountDownLatch nextStarted = new CountDownLatch(1);
        AtomicBoolean firstReadBack = new AtomicBoolean(true);
        AtomicBoolean overlapped = new AtomicBoolean();
        AtomicInteger started = new AtomicInteger();
        RunReport report = runWatchingSends(job, (uri, exchange) -> {
            if (startsCopy(uri) && started.incrementAndGet() == 2) {
                nextStarted.countDown();
            } else if (uri.startsWith("dolphindb://target") && uri.contains("operation=query") && firstReadBack.getAndSet(false)) {
                overlapped.set(nextStarted.await(10, TimeUnit.SECONDS));
            }
        });
        assertTrue(overlapped.get(), "the second partition started copying while the first was read back");
        assertTrue(report.succeeded(), report::render);
        assertEquals(4, report.partitions().stream().filter(RunReport.PartitionResult::verified).count(), report::render);
        assertSameRows(db, db, "mt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"readback", "checksum"})
    void aTargetPartitionThatChangesUnderTheCopyFailsVerificationAndARerunRepairsIt(String verifyBy) throws Exception {
        String db = createTicks(src, 3, 1_000);
        String job = job(db, params("verifyBy", verifyBy, "parallel", "1"));
        // just before partition /20240102 is verified (read back, or its target stats taken), a stray row lands in it
        String verifyOperation = verifyBy.equals("readback") ? "operation=query" : "operation=stats";
        AtomicBoolean tampered = new AtomicBoolean();
        RunReport broken = runWatchingSends(job, (uri, exchange) -> {
            if (uri.startsWith("dolphindb://target") && uri.contains(verifyOperation)
                    && "/20240102".equals(exchange.getMessage().getHeader("CamelDolphinDBPartition"))
                    && tampered.compareAndSet(false, true)) {
                appendDay(dst, db, 1, 1, 900_000);
            }
        });
        assertTrue(tampered.get(), "the stray row was written");
        assertFalse(broken.succeeded(), broken::render);
        assertEquals("failed", partition(broken, "/20240102").action(), broken::render);
        assertTrue(broken.error().contains("/20240102") && broken.error().contains("differs after the copy"), broken::render);
        assertTrue(partition(broken, "/20240101").verified() && partition(broken, "/20240103").verified(), broken::render);

        RunReport repaired = run(job);
        assertTrue(repaired.succeeded(), repaired::render);
        assertEquals("resumed", partition(repaired, "/20240101").action(), repaired::render);
        assertEquals("overwritten", partition(repaired, "/20240102").action(), repaired::render);
        assertSameRows(db, db, "mt");
    }

    @Test
    void anUnknownVerificationMethodIsRefusedNamingTheChoices() throws Exception {
        String db = createTicks(src, 1, 10);
        Exception e = assertThrows(Exception.class, () -> job(db, params("verifyBy", "bogus")));
        String messages = causes(e);
        assertTrue(messages.contains("verifyBy must be 'readback' or 'checksum', not 'bogus'"), messages);
    }

    @Test
    void byChecksumThePartitionStatsOfBothServersAreCompared() throws Exception {
        String db = createTicks(src, 2, 500);
        RunReport byChecksum = run(job(db, params("verifyBy", "checksum")));
        assertTrue(byChecksum.succeeded(), byChecksum::render);
        assertTrue(byChecksum.render().contains("computed on both servers"), byChecksum::render);
        RunReport byReadback = run(job(db, params()));
        assertTrue(byReadback.succeeded(), byReadback::render);
        assertTrue(byReadback.render().contains("read back from the target"), byReadback::render);
        // two different functions of the same rows: each equal on both sides, different from each other
        for (String path : List.of("/20240101", "/20240102")) {
            RunReport.PartitionResult c = partition(byChecksum, path);
            RunReport.PartitionResult r = partition(byReadback, path);
            assertEquals(c.sourceChecksum(), c.targetChecksum());
            assertEquals(r.sourceChecksum(), r.targetChecksum());
            assertNotEquals(c.sourceChecksum(), r.sourceChecksum());
            assertEquals(500, r.sourceRows());
        }
        assertSameRows(db, db, "mt");
    }

    @Test
    void byChecksumASourcePartitionWrittenDuringTheCopyIsCopiedAgainAtTheEndOrNamedWithoutCatchUp() throws Exception {
        for (String rounds : List.of("1", "0")) {
            String db = createTicks(src, 2, 500);
            String job = job(db, params("verifyBy", "checksum", "parallel", "1", "catchUpRounds", rounds));
            // a row lands in source /20240102 after the copy read it, as its first block is appended to the target
            AtomicBoolean written = new AtomicBoolean();
            RunReport report = runWatchingSends(job, (uri, exchange) -> {
                if (uri.startsWith("dolphindb://target") && uri.contains("operation=append")
                        && "/20240102".equals(exchange.getMessage().getHeader("CamelDolphinDBPartition")) && written.compareAndSet(false, true)) {
                    appendDay(src, db, 1, 1, 900_000);
                }
            });
            assertTrue(written.get(), "the row was written");
            assertTrue(partition(report, "/20240101").verified(), report::render);
            if (rounds.equals("1")) {
                // copied again after the first round, and equal at the end
                assertTrue(report.succeeded(), report::render);
                assertEquals(501, partition(report, "/20240102").targetRows(), report::render);
                assertSamePartitions(db, db);
                continue;
            }
            assertEquals(RunReport.Outcome.SOURCE_CHANGED, report.outcome(), report::render);
            assertNull(report.error(), report::render);
            assertEquals(List.of("/20240102"), List.copyOf(report.sourceWritten().keySet()), report::render);
            assertTrue(report.sourceWritten().get("/20240102").contains("the source now has 501 rows, the target holds 500 rows"), report::render);
            assertFalse(report.render().contains("OK"), report::render);
            assertEquals(500, dst.count(db, "mt") - 500, "the target holds the partition as it was copied");

            RunReport repaired = run(job);
            assertTrue(repaired.succeeded(), repaired::render);
            assertEquals(501, partition(repaired, "/20240102").targetRows(), repaired::render);
            assertSamePartitions(db, db);
        }
    }

    @Test
    void everyTypeTheServersStoreIsCopiedAndVerifiedToTheBit() throws Exception {
        // the backup round-trip tests' table: every type, NULLs, BLOB, DECIMAL and INT and DOUBLE array vectors
        allTypesOnTheSourceOnly(40);
        RunReport report = run(job(io.ddbsync.standin.backup.AllTypesTable.DB, params("table", "pt")));
        assertTrue(report.succeeded(), report::render);
        assertEquals(3, report.partitions().size(), report::render);
        // types the wire form does not carry: both sides' blocks are decoded by the Java API, the report names the columns
        assertTrue(report.render().contains("source decoded by the Java API, read-back decoded by the Java API (columns [")
                && report.render().contains("bl BLOB"), report::render);
        assertEquals(40, rowTexts(src).size());
        assertEquals(rowTexts(src), rowTexts(dst));
    }

    @Test
    void serverSideChecksumsOfAColumnTheyCannotCoverAreRefusedBeforeAnythingIsWritten() throws Exception {
        allTypesOnTheSourceOnly(10);
        RunReport incremental = run(job(io.ddbsync.standin.backup.AllTypesTable.DB, params("table", "pt", "incremental", "true")));
        assertTrue(incremental.error().contains("an incremental online sync uses server-side checksums, which do not cover column 'bl' (BLOB)"),
                incremental::render);
        assertTrue(incremental.error().contains("run this job without incremental"), incremental::render);
        RunReport byChecksum = run(job(io.ddbsync.standin.backup.AllTypesTable.DB, params("table", "pt", "verifyBy", "checksum")));
        assertTrue(byChecksum.error().contains("verifyBy=checksum uses server-side checksums, which do not cover column 'bl'"), byChecksum::render);
        assertFalse(exists(dst, io.ddbsync.standin.backup.AllTypesTable.DB), "nothing was written to the target");
        // without those columns, incremental runs work
        RunReport subset = run(job(io.ddbsync.standin.backup.AllTypesTable.DB, params("table", "pt", "incremental", "true", "columns", "d, i, db, str")));
        assertTrue(subset.succeeded(), subset::render);
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) sb.append(t.getMessage()).append(" | ");
        return sb.toString();
    }
}
