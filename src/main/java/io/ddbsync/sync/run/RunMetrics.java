package io.ddbsync.sync.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes each finished run to the application's Micrometer registry (camel-main's
 * metricsRegistry, scraped at /observe/metrics; Spring Boot's registry under /actuator): runs by
 * outcome ({@link #label}), run time, rows and partitions verified, and when each job last
 * verified. Without a registry (metrics off) it does nothing.
 */
public final class RunMetrics {
    /** Per registry (one per CamelContext) and job: the value behind the last-verified gauge. */
    private static final Map<MeterRegistry, Map<String, AtomicLong>> LAST_SUCCESS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private RunMetrics() {
    }

    /**
     * The runtime's Micrometer registry, found by type: each runtime names it differently. Where there
     * are several (Spring Boot: a composite and the registries it feeds) the composite, which
     * publishes to all of them; null without one.
     */
    public static MeterRegistry registry(CamelContext context) {
        Set<MeterRegistry> registries = context.getRegistry().findByType(MeterRegistry.class);
        if (registries.size() <= 1) return registries.stream().findFirst().orElse(null);
        return registries.stream().filter(CompositeMeterRegistry.class::isInstance).findFirst()
                .orElseGet(() -> registries.iterator().next());
    }

    /**
     * The outcome label of ddbsync_runs_total: verified, source_changed (the source was written
     * during the run: the target is behind, not wrong), or failed (a failure, or a run that did not
     * verify, as before the source_changed label existed); a run refused by the job's lock is
     * counted as refused ({@link #refused}).
     */
    static String label(RunReport.Outcome outcome) {
        return switch (outcome) {
            case VERIFIED -> "verified";
            case SOURCE_CHANGED -> "source_changed";
            case NOT_VERIFIED, FAILED -> "failed";
        };
    }

    /**
     * A run refused because another run of the job held its lock: ddbsync_runs_total{outcome="refused"}.
     * Not a failure (the job's last run stays what it was), but a schedule that keeps being refused
     * means runs overlap (a schedule tighter than a run), or a lock is held by a runner that hangs.
     */
    static void refused(CamelContext context, String job, String mode) {
        MeterRegistry registry = context == null ? null : registry(context);
        if (registry == null) return;
        registry.counter("ddbsync.runs", Tags.of("job", job, "mode", mode, "outcome", "refused")).increment();
    }

    static void record(CamelContext context, RunReport report, long millis) {
        MeterRegistry registry = context == null ? null : registry(context);
        if (registry == null) return;
        Tags job = Tags.of("job", report.job(), "mode", report.mode());
        RunReport.Outcome outcome = report.outcome();
        boolean ok = outcome == RunReport.Outcome.VERIFIED;
        registry.counter("ddbsync.runs", job.and("outcome", label(outcome))).increment();
        registry.timer("ddbsync.run.duration", job).record(Duration.ofMillis(millis));
        long[] total = verified(report);
        // a job of several tables: each table's too, labelled by the table (the job's tables, a bounded set)
        report.tables().forEach((table, t) -> {
            long[] counts = verified(t);
            Tags tagged = job.and("table", table);
            registry.counter("ddbsync.table.partitions.verified", tagged).increment(counts[0]);
            registry.counter("ddbsync.table.rows.verified", tagged).increment(counts[1]);
            total[0] += counts[0];
            total[1] += counts[1];
        });
        registry.counter("ddbsync.partitions.verified", job).increment(total[0]);
        registry.counter("ddbsync.rows.verified", job).increment(total[1]);
        registry.counter("ddbsync.bytes.moved", job).increment(report.bytesMoved());
        if (ok) {
            AtomicLong last = LAST_SUCCESS.computeIfAbsent(registry, r -> new ConcurrentHashMap<>()).computeIfAbsent(report.job(), k -> {
                AtomicLong holder = new AtomicLong();
                registry.gauge("ddbsync.last.verified.seconds", Tags.of("job", k), holder, AtomicLong::get);
                return holder;
            });
            last.set(System.currentTimeMillis() / 1000);
        }
    }

    /** Partitions verified and their rows, of one report's own partitions. */
    private static long[] verified(RunReport report) {
        long[] counts = new long[2];
        report.eachPartition(p -> {
            if (p.verified()) {
                counts[0]++;
                counts[1] += p.targetRows();
            }
        });
        return counts;
    }
}
