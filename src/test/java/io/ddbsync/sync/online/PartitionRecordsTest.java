package io.ddbsync.sync.online;

import io.ddbsync.sync.run.RunReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A partition's slot holds its plan entry until it ends, then its record: what the report shows of
 * it comes from the record, exactly as the steps gave it (checksums kept as two longs come back as
 * the same text); a catch-up round runs a path again, unproven, showing the earlier result until it ends.
 */
class PartitionRecordsTest {
    private static PartitionTask task(String path, PartitionTask.Action action) {
        return new PartitionTask(path, "f" + path, action, 10, 0, 100, action == PartitionTask.Action.UNCHANGED ? "cs" : null,
                action == PartitionTask.Action.UNCHANGED ? "cs" : null, "s" + path, PartitionTask.ABSENT);
    }

    private static RunReport.PartitionResult only(PartitionRecords records, String path) {
        PartitionRecord r = records.latest(path);
        return r == null ? null : r.result();
    }

    @Test
    void theReportShowsWhatEachRecordLearnedAndNothingForAPartitionNotEnded() {
        PartitionTask created = task("/1", PartitionTask.Action.CREATE);
        PartitionTask unchanged = task("/2", PartitionTask.Action.UNCHANGED);
        PartitionTask failed = task("/3", PartitionTask.Action.OVERWRITE);
        PartitionTask resumed = task("/4", PartitionTask.Action.CREATE);
        PartitionTask differing = task("/5", PartitionTask.Action.OVERWRITE);
        PartitionTask emptied = task("/6", PartitionTask.Action.CLEAR);
        PartitionTask pending = task("/7", PartitionTask.Action.CREATE);
        PartitionRecords records = new PartitionRecords(List.of(created, unchanged, failed, resumed, differing, emptied, pending));
        assertEquals(6, records.running(), "all but the one left alone hold their plan entry until they end");
        String hex = "00ff00000000000a8000000000000001";
        records.ended(created, PartitionRecord.copied(created, 10, 10, hex, new String(hex.toCharArray()), 500, 7));
        records.ended(failed, PartitionRecord.failed(failed, 40, 3));
        records.ended(resumed, PartitionRecord.resumed(resumed));
        records.ended(differing, PartitionRecord.copied(differing, 10, 9, "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", 0, 1));
        records.ended(emptied, PartitionRecord.copied(emptied, 0, 0, "0", "0", 0, 1));
        assertEquals(1, records.running(), "an ended partition's plan entry is let go");
        RunReport report = new RunReport("job", "online", "run");
        report.partitions(records);

        assertEquals(new RunReport.PartitionResult("/1", "created", 10, 10, hex, hex, 500, 7), only(records, "/1"));
        assertTrue(only(records, "/1").verified());
        assertEquals(new RunReport.PartitionResult("/2", "unchanged", 10, 0, "cs", "cs", 0, 0), only(records, "/2"), "as the plan compared it");
        assertTrue(records.isProven("/2"), "left alone: proven at the plan's versions");
        assertEquals(new RunReport.PartitionResult("/3", "failed", 10, -1, null, null, 40, 3), only(records, "/3"));
        assertEquals(new RunReport.PartitionResult("/4", RunReport.RESUMED, 10, -1, null, null, 0, 0), only(records, "/4"));
        assertTrue(records.isProven("/4"), "resumed: proven at the plan's versions");
        assertEquals(new RunReport.PartitionResult("/5", "overwritten", 10, 9, "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", 0, 1),
                only(records, "/5"));
        assertEquals(new RunReport.PartitionResult("/6", "cleared", 0, 0, "0", "0", 0, 1), only(records, "/6"), "a checksum of another form, as it came");
        assertNull(only(records, "/7"), "not ended: not in the report");
        assertFalse(records.isProven("/1"), "copied without a proof: not proven");
        assertEquals(List.of("/1", "/2", "/3", "/4", "/5", "/6"), report.partitions().stream().map(RunReport.PartitionResult::path).toList());
    }

    @Test
    void aCatchUpRoundRunsAPathAgainUnprovenWithTheEarlierResultUntilItEnds() {
        PartitionTask first = task("/20240102", PartitionTask.Action.CREATE);
        PartitionTask other = task("/20240101", PartitionTask.Action.CREATE);
        PartitionRecords records = new PartitionRecords(List.of(other, first));
        records.ended(first, PartitionRecord.copied(first, 10, 10, "aa", "aa", 100, 1).proven("s1", "t1"));
        assertTrue(records.isProven("/20240102"));

        PartitionTask again = task("/20240102", PartitionTask.Action.OVERWRITE);
        PartitionTask appeared = task("/20240103", PartitionTask.Action.CREATE);
        records.again(again);
        records.again(appeared);
        assertFalse(records.isProven("/20240102"), "copied again: nothing proven until it verifies again");
        assertEquals(new RunReport.PartitionResult("/20240102", "created", 10, 10, "aa", "aa", 100, 1), only(records, "/20240102"),
                "the earlier result until it ends");
        records.ended(again, PartitionRecord.copied(again, 12, 12, "bb", "bb", 120, 2).proven("s2", "t2"));
        assertEquals("overwritten", only(records, "/20240102").action());
        assertTrue(records.isProven("/20240102"));
        List<String> seen = new ArrayList<>();
        records.forEachLatest((r, running) -> seen.add((r == null ? "-" : r.result().action()) + (running ? " again" : "")));
        assertEquals(List.of("-", "overwritten", "- again"), seen, "one record a path, in path order: /20240101 and /20240103 not ended");
    }

    @Test
    void aPlanOutOfPathOrderIsFoundAllTheSame() {
        PartitionTask b = task("/b", PartitionTask.Action.CREATE);
        PartitionTask a = task("/a", PartitionTask.Action.CREATE);
        PartitionRecords records = new PartitionRecords(List.of(b, a));
        records.ended(a, PartitionRecord.failed(a, 0, 0));
        records.ended(b, PartitionRecord.resumed(b));
        assertEquals("failed", only(records, "/a").action());
        assertEquals(RunReport.RESUMED, only(records, "/b").action());
        assertNull(records.latest("/c"));
        assertEquals(0, records.running());
    }

    @Test
    void aProofKeepsHashesAndTellsVersionsApart() {
        PartitionTask t = task("/x", PartitionTask.Action.CREATE);
        PartitionRecord r = PartitionRecord.copied(t, 1, 1, null, null, 0, 0).proven("v1", "w1");
        assertTrue(r.provenSourceIs(new String("v1".toCharArray())));
        assertFalse(r.provenSourceIs("v2"));
        assertFalse(r.provenSourceIs(PartitionTask.ABSENT));
        assertFalse(r.provenSourceIs(null), "a version unknown now proves nothing");
        assertTrue(r.provenTargetIs("w1"));
        assertTrue(r.provenTargetKnown());
        PartitionRecord unknown = PartitionRecord.copied(t, 1, 1, null, null, 0, 0).proven(null, PartitionTask.ABSENT);
        assertFalse(unknown.provenSourceIs("v1"), "a version unknown when copied proves nothing");
        assertTrue(unknown.provenTargetIs(PartitionTask.ABSENT));
        assertFalse(unknown.provenTargetIs("w1"));
        unknown.provenAbsent();
        assertTrue(unknown.provenSourceIs(PartitionTask.ABSENT));
    }
}
