package io.ddbsync.sync.online;

import io.ddbsync.sync.run.RunReport;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Each partition of a table's run, one slot a path: its plan entry ({@link PartitionTask}) until it
 * ends, then its {@link PartitionRecord} in the same slot, so what only running it needed (its
 * filter and version texts) is let go as it ends and the run holds no more per partition than the
 * plan did (issue 18). The report reads the partitions' results from here
 * ({@link RunReport#partitions(RunReport.PartitionSource)}) and the end of a round their proofs
 * ({@link ProvenVersions}), so neither keeps a map of its own.
 * <p>
 * A catch-up round copies a partition again under a plan entry of its own (kept beside the plan's
 * slots: the partitions written on the source during the run, few): the partition is unproven
 * while it runs and its earlier record is what the report shows until it ends.
 * Partitions end on several threads and the report reads from another: guarded by this object's lock.
 */
final class PartitionRecords implements RunReport.PartitionSource {
    private static final Comparator<PartitionTask> BY_PATH = Comparator.comparing(PartitionTask::path);

    /** The plan's partitions in path order (found by binary search): a {@link PartitionTask} until it ends, then its {@link PartitionRecord}. */
    private final Object[] planned;
    /** Catch-up rounds' partitions still running, by path. */
    private final Map<String, PartitionTask> laterTasks = new TreeMap<>();
    /** Catch-up rounds' records, by path: they stand instead of the plan's slot. */
    private final Map<String, PartitionRecord> laterRecords = new TreeMap<>();

    /** The plan's partitions (in path order, as the plan makes them; any other order is sorted once); those it leaves alone are records at once. */
    PartitionRecords(List<PartitionTask> plan) {
        boolean sorted = true;
        for (int i = 1; i < plan.size() && sorted; i++) sorted = BY_PATH.compare(plan.get(i - 1), plan.get(i)) < 0;
        List<PartitionTask> inOrder = sorted ? plan : plan.stream().sorted(BY_PATH).toList();
        this.planned = new Object[inOrder.size()];
        for (int i = 0; i < planned.length; i++) {
            PartitionTask t = inOrder.get(i);
            planned[i] = t.action() == PartitionTask.Action.UNCHANGED ? PartitionRecord.unchanged(t) : t;
        }
    }

    private static String pathOf(Object entry) {
        return entry instanceof PartitionTask t ? t.path() : ((PartitionRecord) entry).path();
    }

    private int indexOf(String path) {
        int lo = 0;
        int hi = planned.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = pathOf(planned[mid]).compareTo(path);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    /** The partition ended: its record takes its plan entry's place. */
    synchronized void ended(PartitionTask task, PartitionRecord record) {
        if (laterTasks.get(task.path()) == task) {
            laterTasks.remove(task.path());
            laterRecords.put(task.path(), record);
            return;
        }
        int at = indexOf(task.path());
        if (at >= 0 && planned[at] == task) planned[at] = record;
        else laterRecords.put(task.path(), record);
    }

    /** A catch-up round copies the partition again under this entry: unproven until it ends, the earlier record shown meanwhile. */
    synchronized void again(PartitionTask next) {
        laterTasks.put(next.path(), next);
    }

    /** The latest record of this path (a catch-up round's, else the plan's slot's), null when none ended yet. */
    synchronized PartitionRecord latest(String path) {
        PartitionRecord later = laterRecords.get(path);
        if (later != null) return later;
        int at = indexOf(path);
        return at >= 0 && planned[at] instanceof PartitionRecord r ? r : null;
    }

    /** Whether this path is proven equal: its latest record is, and no catch-up round copies it again. */
    synchronized boolean isProven(String path) {
        if (laterTasks.containsKey(path)) return false;
        PartitionRecord r = latest(path);
        return r != null && r.isProven();
    }

    /** Each path's latest record in path order (null for a path none ended of yet), and whether a catch-up round runs it again. */
    synchronized void forEachLatest(BiConsumer<PartitionRecord, Boolean> each) {
        if (laterTasks.isEmpty() && laterRecords.isEmpty()) {
            for (Object e : planned) each.accept(e instanceof PartitionRecord r ? r : null, false);
            return;
        }
        TreeSet<String> paths = new TreeSet<>(laterTasks.keySet());
        paths.addAll(laterRecords.keySet());
        int i = 0;
        for (String later : paths) {
            for (; i < planned.length && pathOf(planned[i]).compareTo(later) < 0; i++) {
                each.accept(planned[i] instanceof PartitionRecord r ? r : null, false);
            }
            each.accept(latest(later), laterTasks.containsKey(later));
            if (i < planned.length && pathOf(planned[i]).equals(later)) i++;
        }
        for (; i < planned.length; i++) each.accept(planned[i] instanceof PartitionRecord r ? r : null, false);
    }

    /** The results of the partitions that ended so far (and of those the plan left alone), in path order, for the report. */
    @Override
    public void forEach(Consumer<RunReport.PartitionResult> each) {
        forEachLatest((r, running) -> {
            if (r != null) each.accept(r.result());
        });
    }

    /** How many partitions hold their plan entry still (not ended), for tests. */
    synchronized int running() {
        int n = laterTasks.size();
        for (Object e : planned) if (e instanceof PartitionTask) n++;
        return n;
    }
}
