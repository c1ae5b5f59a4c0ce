package io.ddbsync.sync.online;

import io.ddbsync.sync.run.RunReport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The record of each partition of a table's run ({@link PartitionTask}): the plan's, until a
 * catch-up round copies the partition again under a record of its own. The report reads the
 * partitions' results from here ({@link RunReport#partitions(RunReport.PartitionSource)}) and the
 * end of a round their proofs ({@link ProvenVersions}), so neither keeps a map of its own.
 */
final class PartitionRecords implements RunReport.PartitionSource {
    private static final Comparator<PartitionTask> BY_PATH = Comparator.comparing(PartitionTask::path);

    /** The plan's records, in path order (found by binary search). */
    private final List<PartitionTask> planned;
    /** Later rounds' records by path: the partitions written on the source during the run (few). */
    private final Map<String, PartitionTask> later = new ConcurrentSkipListMap<>();

    PartitionRecords(List<PartitionTask> plan) {
        boolean sorted = true;
        for (int i = 1; i < plan.size() && sorted; i++) sorted = BY_PATH.compare(plan.get(i - 1), plan.get(i)) < 0;
        // the plan is in path order (PlanBuilder); any other list is sorted once
        this.planned = sorted ? plan : plan.stream().sorted(BY_PATH).toList();
    }

    /** The record of this path now: a later round's, else the plan's; null when neither has one. */
    PartitionTask get(String path) {
        PartitionTask t = later.get(path);
        return t != null ? t : planned(path);
    }

    private PartitionTask planned(String path) {
        int lo = 0;
        int hi = planned.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = planned.get(mid).path().compareTo(path);
            if (c == 0) return planned.get(mid);
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return null;
    }

    /** A catch-up round copies the partition again under this record; it shows the earlier one's result until it ends. */
    void replace(PartitionTask next) {
        PartitionTask before = get(next.path());
        if (before != null) next.resultFrom(before);
        later.put(next.path(), next);
    }

    /** Each path's record now, in path order. */
    void forEachCurrent(Consumer<PartitionTask> each) {
        if (later.isEmpty()) {
            planned.forEach(each);
            return;
        }
        TreeMap<String, PartitionTask> all = new TreeMap<>();
        for (PartitionTask t : planned) all.put(t.path(), t);
        all.putAll(later);
        all.values().forEach(each);
    }

    /** The results of the partitions that ended so far (and of those the plan left alone), for the report. */
    @Override
    public void forEach(Consumer<RunReport.PartitionResult> each) {
        forEachCurrent(t -> {
            RunReport.PartitionResult r = t.result();
            if (r != null) each.accept(r);
        });
    }

    /** The current records, in path order (for tests and the end-of-round check). */
    List<PartitionTask> current() {
        List<PartitionTask> out = new ArrayList<>();
        forEachCurrent(out::add);
        return out;
    }
}
