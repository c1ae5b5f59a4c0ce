package io.ddbsync.sync.online;

import io.ddbsync.camel.Partition;
import io.ddbsync.camel.PartitionStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides, partition by partition, what a run does, from what the source and the target hold
 * inside the window: {@link Partition}s (rows from metadata) in a full run, {@link PartitionStats}
 * (rows and checksum) in an incremental one.
 */
final class PlanBuilder {
    private PlanBuilder() {
    }

    /** A partition as either listing describes it; checksum is null for a metadata listing. */
    private record Entry(String path, String filter, long rows, String checksum, String version) {
        static Entry of(Object o) {
            if (o instanceof Partition p) return new Entry(p.path(), p.filter(), p.rows(), null, p.version());
            if (o instanceof PartitionStats s) return new Entry(s.path(), s.filter(), s.rows(), s.checksum(), s.version());
            throw new IllegalArgumentException("A partition listing holds Partition or PartitionStats, not " + o.getClass().getName());
        }

        boolean sameAs(Entry other) {
            return checksum != null && other.checksum != null && rows == other.rows && checksum.equals(other.checksum);
        }
    }

    /**
     * @param source   partitions of the source inside the window
     * @param target   partitions of the target inside the window (empty when the target table does not exist yet)
     * @param rowBytes estimated bytes of one row, for the plan's size
     */
    static List<PartitionTask> tasks(List<?> source, List<?> target, boolean incremental, long rowBytes) {
        Map<String, Entry> src = byPath(source);
        Map<String, Entry> dst = byPath(target);
        TreeMap<String, PartitionTask> tasks = new TreeMap<>();
        for (Entry s : src.values()) {
            Entry t = dst.get(s.path());
            PartitionTask.Action action;
            if (t == null || t.rows() == 0) action = PartitionTask.Action.CREATE;
            else if (incremental && s.sameAs(t)) action = PartitionTask.Action.UNCHANGED;
            else action = PartitionTask.Action.OVERWRITE;
            tasks.put(s.path(), new PartitionTask(s.path(), s.filter(), action, s.rows(), t == null ? 0 : t.rows(), s.rows() * rowBytes,
                    s.checksum(), t == null ? null : t.checksum(), s.version(), t == null ? PartitionTask.ABSENT : t.version()));
        }
        for (Entry t : dst.values()) {
            if (src.containsKey(t.path()) || t.rows() == 0) continue;
            tasks.put(t.path(), new PartitionTask(t.path(), t.filter(), PartitionTask.Action.CLEAR, 0, t.rows(), 0,
                    null, t.checksum(), PartitionTask.ABSENT, t.version()));
        }
        return new ArrayList<>(tasks.values());
    }

    private static Map<String, Entry> byPath(List<?> listing) {
        Map<String, Entry> out = new TreeMap<>();
        if (listing == null) return out;
        for (Object o : listing) {
            Entry e = Entry.of(o);
            out.put(e.path(), e);
        }
        return out;
    }
}
