package io.ddbsync.sync.online.bench;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.Exchange;
import org.openjdk.jol.info.GraphLayout;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a sync measured against its plan (issue 18's memory target: the heap grows with the
 * partitions by no more than the plan): the plan's size, the run's peak retained heap
 * ({@link RetainedHeap}), and, against the smallest run's, the growth and its ratio to the plan.
 * Shared by the online {@link PlanHeapBenchmark} and the offline io.ddbsync.app.bench.OfflinePlanHeapBenchmark.
 *
 * @param name              the run's layout
 * @param planBytes         the plan's deep size: every object the plan reaches (JOL's graph walk), shared ones included
 * @param planRetainedBytes the plan's retained size: the live heap with the plan held by the benchmark alone, minus without it
 * @param peakGrowthBytes   the most the heap held right after a full collection during the run, minus the live heap before it
 * @param retainedBytes     the live heap after the run (its result and the plan let go), minus before it
 * @param samples           the full collections the peak was taken from
 */
public record PlanHeap(String name, long planBytes, long planRetainedBytes, long peakGrowthBytes, long retainedBytes, long samples) {
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
        return new PlanHeap(name, plan, planRetained, heap.peakBytes() - before, retained, heap.samples());
    }

    /** The figures; with {@code base} (the smallest run), the peak's growth over base's and its ratio to the plan. */
    public String line(PlanHeap base) {
        String common = String.format(Locale.ROOT, "  %-30s plan %9s (retained %9s)  peak retained +%9s (%3d full collections)  retained after the run +%9s",
                name, RetainedHeap.mb(planBytes), RetainedHeap.mb(planRetainedBytes), RetainedHeap.mb(peakGrowthBytes), samples,
                RetainedHeap.mb(retainedBytes));
        if (base == null || base == this) return common;
        long growth = peakGrowthBytes - base.peakGrowthBytes;
        return common + String.format(Locale.ROOT, "  growth over %s %9s = x%.2f of the plan", base.name, RetainedHeap.mb(growth), growth / (double) planBytes);
    }
}
