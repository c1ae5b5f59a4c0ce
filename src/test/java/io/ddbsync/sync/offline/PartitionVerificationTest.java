package io.ddbsync.sync.offline;

import io.ddbsync.camel.Partition;
import io.ddbsync.camel.PartitionStats;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import io.ddbsync.sync.run.SyncVerificationException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The offline verification's comparison, without servers: every partition in the report with both
 * sides' rows and checksums as they were read, the equal ones kept compactly (paths packed,
 * checksums as longs) yet reported and printed exactly as before, and the differences
 * named as the run's failure names them.
 */
class PartitionVerificationTest {
    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private Exchange exchange(RunReport report) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(SyncProperties.REPORT, report);
        return exchange;
    }

    private static String hex(int i) {
        return String.format(java.util.Locale.ROOT, "%016x%016x", 0x9e3779b97f4a7c15L * (i + 1), 0xc2b2ae3d27d4eb4fL * (i + 7));
    }

    private static Partition planned(String path, String version) {
        return new Partition(path, "partition(d, " + path.substring(1) + ")", List.of("d"), List.of(), 10, version);
    }

    @Test
    void equalPartitionsAreReportedAsRead() {
        List<Partition> plan = new ArrayList<>();
        List<PartitionStats> source = new ArrayList<>();
        List<PartitionStats> target = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            plan.add(planned("/" + i, "v" + i));
            // the stats' paths are texts of their own, as read from each server
            source.add(new PartitionStats(new String("/" + i), "f", i, hex(i), false, "v" + i));
            target.add(new PartitionStats(new String("/" + i), "f", i, hex(i), false, "w" + i));
        }
        // a checksum not of the usual form is reported as it came
        source.add(new PartitionStats("/301", "f", 7, "XYZ", false, null));
        target.add(new PartitionStats("/301", "f", 7, "XYZ", false, null));
        RunReport report = new RunReport("job", "offline", "run");
        new PartitionVerification().verify(exchange(report), source, target, "restored", plan);
        report.finished();

        List<RunReport.PartitionResult> results = report.partitions();
        assertEquals(301, results.size());
        for (int i = 1; i <= 300; i++) {
            RunReport.PartitionResult r = results.get(i - 1);
            assertEquals(new RunReport.PartitionResult("/" + i, "restored", i, i, hex(i), hex(i), 0, 0), r);
        }
        assertEquals(new RunReport.PartitionResult("/301", "restored", 7, 7, "XYZ", "XYZ", 0, 0), results.get(300));
        assertEquals(RunReport.Outcome.VERIFIED, report.outcome());
        String text = report.render();
        assertTrue(text.contains("301 partitions, " + (300 * 301 / 2 + 7) + " rows, 301 verified, checksums equal"), text);
        // more than a report lists in full: each result above is as read, the text counts them
        assertTrue(text.contains("(301 more, verified or equal: not listed"), text);
        assertEquals(RunReport.Outcome.VERIFIED, report.kept().outcome());
        assertEquals(List.of(), report.kept().partitions());
    }

    @Test
    void differingMissingExtraAndChangedPartitionsAreNamed() {
        List<Partition> plan = List.of(planned("/1", "v1"), planned("/2", "v2"), planned("/3", "v3"), planned("/4", "v4"));
        List<PartitionStats> source = List.of(
                new PartitionStats("/1", "f", 10, hex(1), false, "v1"),
                new PartitionStats("/2", "f", 10, hex(2), false, "v2"),
                new PartitionStats("/3", "f", 11, hex(30), false, "v3b"),
                new PartitionStats("/4", "f", 10, hex(4), false, "v4"));
        List<PartitionStats> target = List.of(
                new PartitionStats("/1", "f", 10, hex(1), false, null),
                new PartitionStats("/2", "f", 10, hex(20), false, null),
                new PartitionStats("/3", "f", 10, hex(3), false, null),
                new PartitionStats("/5", "f", 3, hex(5), false, null),
                new PartitionStats("/6", "f", 0, hex(6), false, null));
        RunReport report = new RunReport("job", "offline", "run");
        SyncVerificationException e = assertThrows(SyncVerificationException.class,
                () -> new PartitionVerification().verify(exchange(report), source, target, "restored", plan));
        assertEquals("Target job differs from the source in partitions [/2, /3, /4, /5]; of those, [/3] changed on the source during this run"
                + " (written after the plan listed them): the target holds them as they were backed up, and the next run copies the change", e.getMessage());
        report.finished();
        List<RunReport.PartitionResult> results = report.partitions();
        assertEquals(List.of("/1", "/2", "/3", "/4", "/5"), results.stream().map(RunReport.PartitionResult::path).toList());
        assertTrue(results.get(0).verified());
        assertEquals(new RunReport.PartitionResult("/2", "restored", 10, 10, hex(2), hex(20), 0, 0), results.get(1));
        assertEquals(new RunReport.PartitionResult("/4", "restored", 10, 0, hex(4), null, 0, 0), results.get(3));
        assertEquals(new RunReport.PartitionResult("/5", "extra", 0, 3, null, hex(5), 0, 0), results.get(4));
        assertEquals(RunReport.Outcome.NOT_VERIFIED, report.outcome());
        assertTrue(report.render().contains("checksums DIFFER"), report.render());
        assertEquals(List.of("/2", "/3", "/4", "/5"), report.kept().partitions().stream().map(RunReport.PartitionResult::path).toList());
    }

    /**
     * As the route does it, table by table: the source's list is kept compactly and let go before the
     * target's is read, with a source checksum not of the usual form and a missing one read back as
     * they came; each table's differences named, the run failing naming both tables.
     */
    @Test
    void tableByTableTheSourceIsKeptCompactlyAndEachDifferenceNamed() {
        RunReport report = new RunReport("job", "offline", "run");
        Exchange exchange = exchange(report);
        OfflineTable a = new OfflineTable("dfs://db", "a", "dfs://db", "a", "", "");
        OfflineTable b = new OfflineTable("dfs://db", "b", "dfs://db", "b", "", "");
        a.setPartitions(List.of(planned("/1", "v1"), planned("/2", "v2"), planned("/3", "v3")));
        b.setPartitions(List.of(planned("/1", "v1")));
        exchange.setProperty(OfflineTables.TABLES, List.of(a, b));
        PartitionVerification verification = new PartitionVerification();
        verification.startTables(exchange);

        List<PartitionStats> sourceOfA = List.of(new PartitionStats("/3", "f", 5, "NOT-HEX", false, "v3"),
                new PartitionStats(new String("/1"), "f", 10, hex(1), false, "v1"), new PartitionStats("/2", "f", 7, null, false, "v2x"));
        // streamed, as the route reads them
        exchange.getMessage().setBody(sourceOfA.iterator());
        verification.keepSource(exchange, a, exchange.getMessage().getBody());
        assertNull(exchange.getMessage().getBody(), "the source's list let go");
        assertTrue(exchange.getProperty("DdbSyncSourceStats") instanceof SourceStats);
        verification.verifyTable(exchange, a, List.of(new PartitionStats("/1", "f", 10, hex(1), false, null),
                new PartitionStats("/2", "f", 7, hex(2), false, null), new PartitionStats("/3", "f", 5, "NOT-HEX", false, null)), "restored");
        assertNull(exchange.getProperty("DdbSyncSourceStats"), "the source's stats let go once compared");

        verification.keepSource(exchange, b, List.of(new PartitionStats("/1", "f", 10, hex(1), false, "v1")));
        verification.verifyTable(exchange, b, List.of(new PartitionStats("/1", "f", 10, hex(1), false, null),
                new PartitionStats("/9", "f", 4, hex(9), false, null)), "restored");

        SyncVerificationException e = assertThrows(SyncVerificationException.class, () -> verification.requireVerified(exchange));
        assertEquals("Target job differs from the source in dfs://db/a partitions [/2]; of those, [/2] changed on the source during this run (written after the plan"
                + " listed them): the target holds them as they were backed up, and the next run copies the change; in dfs://db/b partitions [/9]", e.getMessage());
        List<RunReport.PartitionResult> inA = report.tables().get(a.toString()).partitions();
        assertEquals(List.of(new RunReport.PartitionResult("/1", "restored", 10, 10, hex(1), hex(1), 0, 0),
                new RunReport.PartitionResult("/2", "restored", 7, 7, null, hex(2), 0, 0),
                new RunReport.PartitionResult("/3", "restored", 5, 5, "NOT-HEX", "NOT-HEX", 0, 0)), inA);
        assertEquals(List.of(new RunReport.PartitionResult("/1", "restored", 10, 10, hex(1), hex(1), 0, 0),
                new RunReport.PartitionResult("/9", "extra", 0, 4, null, hex(9), 0, 0)), report.tables().get(b.toString()).partitions());
    }

    /**
     * The plan keeps its listing as the partitions operation gives it, in path order, without a
     * sort; a list in another order is sorted first, so each partition still finds its planned
     * version; one listed twice is refused, named.
     */
    @Test
    void aPlanInAnyOrderTellsWhichPartitionsChangedAndOneListedTwiceIsNamed() {
        List<Partition> plan = List.of(planned("/3", "v3"), planned("/10", "v10"), planned("/1", null), planned("/2", "v2"));
        List<PartitionStats> source = List.of(new PartitionStats("/1", "f", 10, hex(1), false, "v1b"),
                new PartitionStats("/10", "f", 10, hex(10), false, "v10b"), new PartitionStats("/2", "f", 10, hex(2), false, "v2"),
                new PartitionStats("/3", "f", 10, hex(3), false, "v3b"));
        List<PartitionStats> target = List.of(new PartitionStats("/1", "f", 9, hex(1), false, null), new PartitionStats("/10", "f", 9, hex(10), false, null),
                new PartitionStats("/2", "f", 9, hex(2), false, null), new PartitionStats("/3", "f", 9, hex(3), false, null));
        RunReport report = new RunReport("job", "offline", "run");
        SyncVerificationException e = assertThrows(SyncVerificationException.class,
                () -> new PartitionVerification().verify(exchange(report), source, target, "restored", plan));
        // /1's planned version unknown: not said to have changed; /2 unchanged
        assertEquals("Target job differs from the source in partitions [/1, /10, /2, /3]; of those, [/10, /3] changed on the source during this run"
                + " (written after the plan listed them): the target holds them as they were backed up, and the next run copies the change", e.getMessage());

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new PlannedPartitions(List.of(planned("/2", "v2"), planned("/1", "v1"), planned("/2", "v2b"))));
        assertEquals("Partition /2 listed twice", twice.getMessage());
    }

    @Test
    void verifiedPartitionsGrowPastTheirExpectedNumberAndRefuseOtherChecksums() {
        VerifiedPartitions kept = new VerifiedPartitions("restored", 1);
        assertFalse(kept.add("/x", 1, "ABCDEF"), "not lowercase hex of 32 digits");
        assertFalse(kept.add("/x", 1, null));
        for (int i = 0; i < 5; i++) assertTrue(kept.add("/" + i, i, hex(i)));
        List<RunReport.PartitionResult> out = new ArrayList<>();
        kept.trimmed().forEach(out::add);
        assertEquals(5, out.size());
        for (int i = 0; i < 5; i++) assertEquals(new RunReport.PartitionResult("/" + i, "restored", i, i, hex(i), hex(i), 0, 0), out.get(i));
    }
}
