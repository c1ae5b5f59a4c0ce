package io.ddbsync.sync.online;

import io.ddbsync.sync.run.RunReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One record a partition: what the report shows of it comes from its record, exactly as the steps
 * gave it (checksums kept as two longs come back as the same text), and a catch-up round's record
 * takes over its path, unproven, showing the earlier result until it ends.
 */
class PartitionRecordsTest {
    private static PartitionTask task(String path, PartitionTask.Action action) {
        return new PartitionTask(path, "f" + path, action, 10, 0, 100, action == PartitionTask.Action.UNCHANGED ? "cs" : null,
                action == PartitionTask.Action.UNCHANGED ? "cs" : null, "s" + path, PartitionTask.ABSENT);
    }

    private static RunReport.PartitionResult only(PartitionRecords records, String path) {
        return records.current().stream().filter(t -> t.path().equals(path)).findFirst().orElseThrow().result();
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
        String hex = "00ff00000000000a8000000000000001";
        created.copied(10, 10, hex, new String(hex.toCharArray()), 500, 7);
        failed.failed(40, 3);
        resumed.resumed();
        differing.copied(10, 9, "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", 0, 1);
        emptied.copied(0, 0, "0", "0", 0, 1);
        PartitionRecords records = new PartitionRecords(List.of(created, unchanged, failed, resumed, differing, emptied, pending));
        RunReport report = new RunReport("job", "online", "run");
        report.partitions(records);

        assertEquals(new RunReport.PartitionResult("/1", "created", 10, 10, hex, hex, 500, 7), only(records, "/1"));
        assertTrue(only(records, "/1").verified());
        assertEquals(new RunReport.PartitionResult("/2", "unchanged", 10, 0, "cs", "cs", 0, 0), only(records, "/2"), "as the plan compared it");
        assertEquals(new RunReport.PartitionResult("/3", "failed", 10, -1, null, null, 40, 3), only(records, "/3"));
        assertEquals(new RunReport.PartitionResult("/4", RunReport.RESUMED, 10, -1, null, null, 0, 0), only(records, "/4"));
        assertEquals(new RunReport.PartitionResult("/5", "overwritten", 10, 9, "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", 0, 1),
                only(records, "/5"));
        assertEquals(new RunReport.PartitionResult("/6", "cleared", 0, 0, "0", "0", 0, 1), only(records, "/6"), "a checksum of another form, as it came");
        assertNull(only(records, "/7"), "not ended: not in the report");
        assertEquals(List.of("/1", "/2", "/3", "/4", "/5", "/6"), report.partitions().stream().map(RunReport.PartitionResult::path).toList());
    }

    @Test
    void aCatchUpRecordTakesOverItsPathUnprovenWithTheEarlierResultUntilItEnds() {
        PartitionTask first = task("/20240102", PartitionTask.Action.CREATE);
        first.copied(10, 10, "aa", "aa", 100, 1);
        first.proven("s1", "t1");
        PartitionTask other = task("/20240101", PartitionTask.Action.CREATE);
        PartitionRecords records = new PartitionRecords(List.of(first, other));
        assertSame(first, records.get("/20240102"));

        PartitionTask again = task("/20240102", PartitionTask.Action.OVERWRITE);
        PartitionTask appeared = task("/20240103", PartitionTask.Action.CREATE);
        records.replace(again);
        records.replace(appeared);
        assertSame(again, records.get("/20240102"));
        assertFalse(again.isProven(), "copied again: nothing proven until it verifies again");
        assertEquals(new RunReport.PartitionResult("/20240102", "created", 10, 10, "aa", "aa", 100, 1), again.result(), "the earlier result until it ends");
        again.copied(12, 12, "bb", "bb", 120, 2);
        assertEquals("overwritten", again.result().action());
        assertEquals(List.of(other, again, appeared), records.current(), "one record a path, in path order");
    }

    @Test
    void aPlanOutOfPathOrderIsFoundAllTheSame() {
        PartitionTask b = task("/b", PartitionTask.Action.CREATE);
        PartitionTask a = task("/a", PartitionTask.Action.CREATE);
        PartitionRecords records = new PartitionRecords(List.of(b, a));
        assertSame(a, records.get("/a"));
        assertSame(b, records.get("/b"));
        assertNull(records.get("/c"));
    }
}
