package io.ddbsync.sync.online;

import com.xxdb.data.BasicDate;
import io.ddbsync.camel.Partition;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What a run proved at some versions (in the partitions' records), against both sides' listings at its end. */
class ProvenVersionsTest {
    /** A partition of the plan and its record once it ended, proven equal at these versions. */
    private record Ended(PartitionTask task, PartitionRecord record) {}

    private static Ended proven(String path, String sourceVersion, String targetVersion) {
        PartitionTask task = new PartitionTask(path, "f", PartitionTask.Action.CREATE, 10, 0, 0, null, null, sourceVersion, PartitionTask.ABSENT);
        return new Ended(task, PartitionRecord.copied(task, 10, 10, null, null, 0, 0).proven(sourceVersion, targetVersion));
    }

    /** The records of these partitions, each ended with its proof. */
    private static PartitionRecords records(Ended... ended) {
        PartitionRecords records = new PartitionRecords(java.util.Arrays.stream(ended).map(Ended::task).toList());
        for (Ended e : ended) records.ended(e.task(), e.record());
        return records;
    }

    private static Partition at(String day, long rows, String version) {
        LocalDate d = LocalDate.parse(day);
        return new Partition("/" + day.replace("-", ""), "partition(Timestamp, " + day.replace('-', '.') + ")", List.of("Timestamp"),
                List.of(new BasicDate(d)), rows).withVersion(version);
    }

    @Test
    void nothingWrittenSinceHolds() {
        PartitionRecords records = records(proven("/20240101", "s1", "t1"), proven("/20240102", PartitionTask.ABSENT, PartitionTask.ABSENT));
        ProvenVersions.Drift drift = ProvenVersions.check(records, List.of(at("2024-01-01", 10, "s1")), List.of(at("2024-01-01", 10, "t1")));
        assertEquals(List.of(), drift.targetWritten());
        assertEquals(Map.of(), drift.sourceWritten());
    }

    @Test
    void aWrittenTargetIsNamedBeforeAWrittenSource() {
        PartitionRecords records = records(proven("/20240101", "s1", "t1"), proven("/20240102", "s2", "t2"));
        ProvenVersions.Drift drift = ProvenVersions.check(records, List.of(at("2024-01-01", 11, "s1b"), at("2024-01-02", 10, "s2b"), at("2024-01-03", 5, "s3")),
                List.of(at("2024-01-01", 10, "t1"), at("2024-01-02", 12, "t2b")));
        assertEquals(List.of("/20240102 (written after it verified: its version now t2b, 12 rows)"), drift.targetWritten());
        assertEquals(List.of("/20240101", "/20240103"), List.copyOf(drift.sourceWritten().keySet()));
        assertTrue(drift.sourceWritten().get("/20240101").contains("the source now has 11 rows, the target holds 10 rows"), drift::toString);
        assertTrue(drift.sourceWritten().get("/20240103").startsWith("new on the source during the run"), drift::toString);
    }

    @Test
    void anUnknownVersionProvesNothing() {
        PartitionRecords records = records(proven("/20240101", null, "t1"), proven("/20240102", "s2", "t2"), proven("/20240103", "s3", null));
        ProvenVersions.Drift drift = ProvenVersions.check(records, List.of(at("2024-01-01", 10, "s1"), at("2024-01-02", 10, "s2"), at("2024-01-03", 10, "s3")),
                List.of(at("2024-01-01", 10, "t1"), at("2024-01-02", 10, null), at("2024-01-03", 10, "t3"), at("2024-01-04", 1, "t4")));
        assertEquals(List.of("/20240101"), List.copyOf(drift.sourceWritten().keySet()), "a source version unknown when copied");
        assertEquals(3, drift.targetWritten().size(), drift::toString);
        assertTrue(drift.targetWritten().get(0).startsWith("/20240102 (its version cannot be read"), drift::toString);
        assertTrue(drift.targetWritten().get(1).startsWith("/20240103 (its version when it verified could not be read"), drift::toString);
        assertTrue(drift.targetWritten().get(2).startsWith("/20240104 (appeared on the target during the run"), drift::toString);
    }
}
