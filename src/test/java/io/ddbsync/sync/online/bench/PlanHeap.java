package io.ddbsync.sync.online.bench;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.Exchange;
import org.openjdk.jol.info.GraphLayout;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One run of a sync measured against its plan (issue 18's memory target: the heap grows with the
 * partitions by no more than the plan): the plan's size, the run's peak retained heap
 * ({@link RetainedHeap}), and, against the smallest run's, the growth and its ratio to the plan.
 * Shared by the online {@link PlanHeapBenchmark} and the offline io.ddbsync.app.bench.OfflinePlanHeapBenchmark.
 *
 * @param name              the run's layout
 * @param plannedBytes      the plan's deep size as the planner made it, taken before the run let any of it go (online:
 *                          each table's plan before any partition ran; offline: each table's partition listing as the plan
 *                          stage received it); -1 when not taken
 * @param planBytes         the deep size of what the caller caught, after the run: every object it reaches (JOL's graph walk),
 *                          shared ones included (offline: the plan as the run kept it; online: the run's report, with every
 *                          partition's record)
 * @param planRetainedBytes its retained size: the live heap with it held by the benchmark alone, minus without it
 * @param peakGrowthBytes   the most the heap held right after a full collection during the run, minus the live heap before it
 * @param retainedBytes     the live heap after the run (its result and the plan let go), minus before it
 * @param samples           the full collections the peak was taken from
 */
public record PlanHeap(String name, long plannedBytes, long planBytes, long planRetainedBytes, long peakGrowthBytes, long retainedBytes, long samples) {
    static {
        // JOL reads the records' field offsets (Unsafe refuses records' fields) through its own method
        System.setProperty("jol.magicFieldOffset", "true");
    }

    /**
     * Runs {@code run} with the retained heap sampled every {@code periodMillis}; {@code plans} is filled
     * during the run (by the caller's catcher) with the plan's objects and held by nothing else after it.
     * Fails when the run did not verify.
     */
    public static PlanHeap measure(String name, long periodMillis, Callable<Exchange> run, AtomicReference<? extends Collection<?>> plans)
            throws Exception {
        return measure(name, periodMillis, run, plans, () -> -1);
    }

    /** As {@link #measure(String, long, Callable, AtomicReference)}, with the plan's size as planned, once the run is over. */
    public static PlanHeap measure(String name, long periodMillis, Callable<Exchange> run, AtomicReference<? extends Collection<?>> plans,
                                   LongSupplier planned) throws Exception {
        long before = RetainedHeap.liveBytes();
        Exchange done;
        RetainedHeap heap = RetainedHeap.sample(periodMillis);
        try {
            done = run.call();
        } finally {
            heap.close();
        }
        RunReport report = done.getProperty(SyncProperties.REPORT, RunReport.class);
        if (report == null || !report.succeeded()) {
            throw new IllegalStateException(name + ": the run did not verify\n" + (report == null ? done.getException() : report.render()));
        }
        // the run's result let go before measuring: only the plan, held by the catcher alone, stays
        done = null;
        report = null;
        if (plans.get().isEmpty()) throw new IllegalStateException(name + ": no plan caught");
        long plan = GraphLayout.parseInstance(plans.get().toArray()).totalSize();
        long planRetained = RetainedHeap.retainedBytes(plans);
        long retained = RetainedHeap.liveBytes() - before;
        heap.histogramAfter();
        return new PlanHeap(name, planned.getAsLong(), plan, planRetained, heap.peakBytes() - before, retained, heap.samples());
    }

    /**
     * The figures; with {@code base} (the smallest run), the peak's growth over base's and its ratio to the plan: the plan as
     * planned when taken, else the plan caught.
     */
    public String line(PlanHeap base) {
        String plan = plannedBytes < 0
                ? String.format(Locale.ROOT, "plan %9s (retained %9s)", RetainedHeap.mb(planBytes), RetainedHeap.mb(planRetainedBytes))
                : String.format(Locale.ROOT, "plan as planned %9s (the ratio's denominator)  after the run, what was caught %9s (retained %9s)",
                        RetainedHeap.mb(plannedBytes), RetainedHeap.mb(planBytes), RetainedHeap.mb(planRetainedBytes));
        String common = String.format(Locale.ROOT, "  %-30s %s  peak retained +%9s (%3d full collections)  retained after the run +%9s", name, plan,
                RetainedHeap.mb(peakGrowthBytes), samples, RetainedHeap.mb(retainedBytes));
        if (base == null || base == this) return common;
        long growth = peakGrowthBytes - base.peakGrowthBytes;
        long denominator = plannedBytes < 0 ? planBytes : plannedBytes;
        return common + String.format(Locale.ROOT, "  growth over %s %9s = x%.2f of the plan%s", base.name, RetainedHeap.mb(growth),
                growth / (double) denominator, plannedBytes < 0 ? "" : " as planned");
    }
}
