package io.ddbsync.sync.online;

import io.ddbsync.camel.Partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The check at the end of a round of the versions, on both sides, at which a run proved each
 * partition equal (kept in its record, {@link PartitionRecord#proven}, as hashes): the source's version it was
 * copied from (the plan's) and the target's when it was verified. Every write to a partition
 * changes its version, so at the end of the run one listing per side tells whether what was proven
 * still holds: a target partition at another version was written by something else after it
 * verified, a source partition at another version (or new in the window) was written during the
 * run, and the target holds what it was before that write.
 */
final class ProvenVersions {

    /**
     * What changed since the partitions were proven equal.
     *
     * @param targetWritten partitions of the target written after they verified, each with how it changed
     * @param sourceWritten partitions of the source written since they were copied (or new in the
     *                      window), by path, each with what the source and the target hold now
     */
    record Drift(List<String> targetWritten, Map<String, String> sourceWritten) {}

    private ProvenVersions() {
    }

    /**
     * Compares what the records prove ({@link PartitionRecord#proven}) with the partitions listings of
     * both sides now (inside the window). A version that cannot be read (replicas that disagree)
     * proves nothing: on the target that fails the check, on the source the partition counts as written.
     */
    static Drift check(PartitionRecords records, List<?> sourceNow, List<?> targetNow) {
        Map<String, Partition> source = byPath(sourceNow);
        Map<String, Partition> target = byPath(targetNow);
        List<String> targetWritten = new ArrayList<>();
        Map<String, String> sourceWritten = new TreeMap<>();
        records.forEachLatest((record, runningAgain) -> {
            if (record == null || runningAgain || !record.isProven()) return;
            String path = record.path();
            Partition t = target.get(path);
            Partition s = source.get(path);
            String targetVersion = versionOf(t);
            if (!record.provenTargetIs(targetVersion)) {
                targetWritten.add(path + " (" + (targetVersion == null ? "its version cannot be read: its replicas disagree"
                        : !record.provenTargetKnown() ? "its version when it verified could not be read, now " + targetVersion + ", " + rows(t)
                        : "written after it verified: its version now " + targetVersion + ", " + rows(t)) + ")");
            } else if (!record.provenSourceIs(versionOf(s))) {
                sourceWritten.put(path, "written on the source during the run: the source now has " + rows(s) + ", the target holds " + rows(t)
                        + ", as copied and verified before that write");
            }
        });
        for (Partition s : source.values()) {
            if (!proven(records, s.path())) {
                sourceWritten.put(s.path(), "new on the source during the run: the source now has " + rows(s) + ", the target holds "
                        + rows(target.get(s.path())));
            }
        }
        for (Partition t : target.values()) {
            if (!proven(records, t.path())) targetWritten.add(t.path() + " (appeared on the target during the run, " + rows(t) + ")");
        }
        return new Drift(targetWritten, sourceWritten);
    }

    private static boolean proven(PartitionRecords records, String path) {
        return records.isProven(path);
    }

    private static String versionOf(Partition p) {
        return p == null ? PartitionTask.ABSENT : p.version();
    }

    private static String rows(Partition p) {
        return p == null ? "no rows" : String.format(Locale.ROOT, "%,d rows", p.rows());
    }

    private static Map<String, Partition> byPath(List<?> listing) {
        Map<String, Partition> out = new TreeMap<>();
        if (listing == null) return out;
        for (Object o : listing) {
            if (!(o instanceof Partition p)) throw new IllegalArgumentException("A partitions listing holds Partition, not " + o.getClass().getName());
            out.put(p.path(), p);
        }
        return out;
    }
}
