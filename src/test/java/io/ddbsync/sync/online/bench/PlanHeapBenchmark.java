package io.ddbsync.sync.online.bench;

import com.xxdb.DBConnection;
import io.ddbsync.standin.StandInProcess;
import io.ddbsync.standin.dfs.Storage;
import io.ddbsync.sync.online.OnlinePlan;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.openjdk.jol.info.GraphLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issue 18's memory target for the online sync: the runner's heap grows with the number of
 * partitions by no more than the plan itself. Benchmark (not a test: it prints, it never fails on
 * a figure). The same rows as 10 partitions, as 2,000 partitions of one table and as 50 tables of
 * 400 partitions (20,000) are synced to a new target through the real online-sync template, the
 * two stand-ins each in a JVM of its own, so this JVM's heap is the runner's alone. A first run of
 * 10 partitions is a warm-up and is not measured (what the first run fills once: caches, pools).
 * <p>
 * For each run ({@link RetainedHeap}):
 * <ul>
 *   <li>the plan as planned, the target's denominator: the deep size (JOL's graph walk: every object it
 *   reaches) of each table's {@link OnlinePlan} when its plan step ends (Camel's step event for the
 *   step {@code <job>-plan}), before any partition runs, summed over the tables; nothing holds on to
 *   it here, so the run may let it go. The objects every plan reaches (the Action constants) are
 *   counted once a table: a few hundred bytes;</li>
 *   <li>after the run, what its partitions left: the run's report (caught from its exchanges), by
 *   then holding each partition's record instead of its plan entry (docs/benchmarks.md,
 *   "Memory against the plan"), its deep size and its retained size (the live heap with it held by
 *   this benchmark alone, minus without it);</li>
 *   <li>the run's peak retained heap: the most the heap held right after a full collection during the
 *   run (one forced every {@code periodMillis}), minus the live heap before the run;</li>
 *   <li>the growth of that peak over the 10-partition runs' smallest (of three: a sample may catch up to
 *   {@code parallel} blocks in flight, about 2 MB with 20,000-row partitions, which the many-partition
 *   runs' small partitions never have, so a base that caught them would hide growth), and its ratio to
 *   the plan as planned (the target: at most 1).</li>
 * </ul>
 *
 * <pre>mvn -q -ntp test-compile exec:exec@java -Dexec.args="-Xmx1g -cp %classpath io.ddbsync.sync.online.bench.PlanHeapBenchmark [rows=200000] [parallel=4] [periodMillis=200]"</pre>
 */
public final class PlanHeapBenchmark {
    private static final String[] ADMIN = {"admin", "123456"};

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long period = args.length > 2 ? Long.parseLong(args[2]) : 200;
        List<ManyPartitionsBenchmark.Layout> layouts = List.of(new ManyPartitionsBenchmark.Layout("warm-up, 10 partitions", 1, 10),
                new ManyPartitionsBenchmark.Layout("10 partitions (1 of 3)", 1, 10), new ManyPartitionsBenchmark.Layout("10 partitions (2 of 3)", 1, 10),
                new ManyPartitionsBenchmark.Layout("10 partitions (3 of 3)", 1, 10), new ManyPartitionsBenchmark.Layout("2,000 partitions", 1, 2000),
                new ManyPartitionsBenchmark.Layout("50 tables x 400 partitions", 50, 400));
        Path work = Files.createTempDirectory("plan-heap-");
        List<PlanHeap> all = new ArrayList<>();
        try (StandInProcess src = StandInProcess.start(work.resolve("src"), 0, "-Xmx3g");
             StandInProcess dst = StandInProcess.start(work.resolve("dst"), 0, "-Xmx3g")) {
            CamelContext context = ManyPartitionsBenchmark.context(site(src), site(dst), work.resolve("state"), parallel);
            DBConnection seeding = new DBConnection();
            seeding.connect("127.0.0.1", src.port(), ADMIN[0], ADMIN[1]);
            System.out.printf(Locale.ROOT, "plan heap benchmark: %,d rows, parallel %d, a full collection every %d ms, JVM max heap %s%n", rows, parallel,
                    period, RetainedHeap.mb(Runtime.getRuntime().maxMemory()));
            int n = 0;
            for (ManyPartitionsBenchmark.Layout layout : layouts) {
                n++;
                String db = "dfs://planheap" + n;
                seeding.run(ManyPartitionsBenchmark.seedScript(db, layout, rows));
                ManyPartitionsBenchmark.addJob(context, "planheap" + n, db, db + "copy", false);
                PlanHeap f = measure(context, "planheap" + n, layout, period);
                System.out.println(f.line(null));
                if (n > 1) all.add(f);
            }
            seeding.close();
            context.close();
        } finally {
            Storage.deleteTree(work);
        }
        System.out.println();
        PlanHeap base = all.stream().filter(f -> f.name().startsWith("10 partitions")).min(Comparator.comparingLong(PlanHeap::peakGrowthBytes))
                .orElseThrow();
        System.out.println("== online sync to a new target: peak retained heap growth over the smallest 10-partition run's, against the plan as"
                + " planned (its deep size when its plan step ended, before any partition ran) ==");
        all.forEach(f -> System.out.println(f.name().startsWith("10 partitions") ? f.line(null) : f.line(base)));
    }

    private static String[] site(StandInProcess p) {
        return new String[]{"127.0.0.1:" + p.port(), ADMIN[0], ADMIN[1]};
    }

    private static PlanHeap measure(CamelContext context, String jobId, ManyPartitionsBenchmark.Layout layout, long period) throws Exception {
        PlanCatcher plans = new PlanCatcher();
        plans.start();
        context.getManagementStrategy().addEventNotifier(plans);
        try {
            return PlanHeap.measure(layout.name(), period, () -> context.createProducerTemplate().request("direct:" + jobId + "-run", e -> { }),
                    plans.reports, plans.planned::get);
        } finally {
            context.getManagementStrategy().removeEventNotifier(plans);
        }
    }

    /**
     * Measures each table's plan as its plan step ends (before any partition runs: every table is
     * planned before the copy starts), without holding it; and catches the run's report from the
     * run's exchanges (DdbSyncReport), which holds it all through the run anyway.
     */
    private static final class PlanCatcher extends EventNotifierSupport {
        final AtomicLong planned = new AtomicLong();
        final AtomicReference<Set<RunReport>> reports = new AtomicReference<>(Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>())));

        PlanCatcher() {
            setIgnoreStepEvents(false);
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.StepCompletedEvent step && step.getStepId().endsWith("-plan")
                    && step.getExchange().getMessage().getBody() instanceof OnlinePlan plan) {
                planned.addAndGet(GraphLayout.parseInstance(plan).totalSize());
            } else if (event instanceof CamelEvent.ExchangeSendingEvent sending) {
                RunReport report = sending.getExchange().getProperty(SyncProperties.REPORT, RunReport.class);
                Set<RunReport> caught = reports.get();
                if (report != null && caught != null) caught.add(report);
            }
        }
    }
}
