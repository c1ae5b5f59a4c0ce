package io.ddbsync.app.bench;

import com.xxdb.DBConnection;
import io.ddbsync.standin.StandInProcess;
import io.ddbsync.standin.dfs.Storage;
import io.ddbsync.sync.offline.OfflineTables;
import io.ddbsync.sync.offline.TablePlan;
import io.ddbsync.sync.online.bench.PlanHeap;
import io.ddbsync.sync.online.bench.RetainedHeap;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.openjdk.jol.info.GraphLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issue 18's memory target for the offline sync: the runner's heap grows with the number of
 * partitions by no more than the plan itself. Benchmark (not a test: it prints, it never fails on
 * a figure). The shapes of {@link OfflineManyTablesBenchmark} (10 partitions, 2,000 of one table,
 * 50 tables x 400), each synced through the real application (job trades-offline) to an empty
 * target and then again with nothing changed, the stand-ins each in a JVM of its own; a first shape
 * of 10 partitions is a warm-up, not measured, and the base is the smallest of three 10-partition
 * shapes' peaks (as {@code PlanHeapBenchmark}'s). The plan, the ratio's denominator, is the plan as
 * planned: each table of the job (its schema and window) with its partition listing (the partitions
 * operation's List of Partition) as the plan stage receives it, measured then (between two samples
 * of the heap, {@link RetainedHeap#betweenSamples}) and summed over the tables; the plan stage keeps
 * only each partition's path and version of it. After the run the benchmark also measures the plan
 * as the run kept it (exchange property DdbSyncTables, caught when the backup starts).
 * {@link PlanHeap} says how each figure is taken.
 *
 * <pre>mvn -q -ntp test-compile exec:exec@java -Dexec.args="-Xmx1g -XX:G1HeapRegionSize=4m -cp %classpath io.ddbsync.app.bench.OfflinePlanHeapBenchmark [rows=200000] [periodMillis=200]"</pre>
 *
 * Run it from the project directory (the application reads config/ and routes/ there).
 */
public final class OfflinePlanHeapBenchmark {
    private static final List<String> RUNS = List.of("new target", "nothing changed");

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 200_000L;
        long period = args.length > 1 ? Long.parseLong(args[1]) : 200;
        List<OfflineManyTablesBenchmark.Shape> shapes = List.of(new OfflineManyTablesBenchmark.Shape("warm-up, 10 partitions", "dfs://heap_w", 1, 10),
                new OfflineManyTablesBenchmark.Shape("A. 10 partitions", "dfs://heap_a", 1, 10),
                new OfflineManyTablesBenchmark.Shape("A. 10 partitions, again", "dfs://heap_a2", 1, 10),
                new OfflineManyTablesBenchmark.Shape("A. 10 partitions, a third time", "dfs://heap_a3", 1, 10),
                new OfflineManyTablesBenchmark.Shape("B. 2,000 partitions, 1 table", "dfs://heap_b", 1, 2000),
                new OfflineManyTablesBenchmark.Shape("C. 50 tables x 400 partitions", "dfs://heap_c", 50, 400));
        Path work = Files.createTempDirectory("offline-plan-heap-");
        List<List<PlanHeap>> byRun = List.of(new ArrayList<>(), new ArrayList<>());
        try (StandInProcess src = StandInProcess.start(work.resolve("src"), 0, "-Xmx3g");
             StandInProcess dst = StandInProcess.start(work.resolve("dst"), 0, "-Xmx3g")) {
            DBConnection source = new DBConnection();
            source.connect("127.0.0.1", src.port(), "admin", "123456");
            for (OfflineManyTablesBenchmark.Shape s : shapes) OfflineManyTablesBenchmark.create(source, s, rows);
            source.close();
            System.out.printf(Locale.ROOT, "offline plan heap benchmark: %,d rows per shape, a full collection every %d ms, JVM max heap %d MB%n", rows,
                    period, Runtime.getRuntime().maxMemory() / (1024 * 1024));
            for (OfflineManyTablesBenchmark.Shape s : shapes) {
                OfflineManyTablesBenchmark.withApplication(work, s, src.port(), dst.port(), app -> {
                    for (int r = 0; r < RUNS.size(); r++) {
                        PlanHeap f = measure(app.getCamelContext(), s.name() + ", " + RUNS.get(r), period);
                        System.out.println(f.line(null));
                        if (s != shapes.get(0)) byRun.get(r).add(f);
                    }
                });
            }
        } finally {
            Storage.deleteTree(work);
        }
        System.out.println();
        System.out.println("== offline sync: peak retained heap growth over the smallest 10-partition run's, against the plan ==");
        for (List<PlanHeap> runs : byRun) {
            // the smallest of three: a sample may catch transfer buffers or blocks in flight, which a
            // base that caught them would subtract from the larger shapes' growth
            PlanHeap base = runs.stream().filter(f -> f.name().startsWith("A. ")).min(Comparator.comparingLong(PlanHeap::peakGrowthBytes)).orElseThrow();
            runs.forEach(f -> System.out.println(f.name().startsWith("A. ") ? f.line(null) : f.line(base)));
        }
    }

    private static PlanHeap measure(CamelContext context, String name, long period) throws Exception {
        PlanCatcher plan = new PlanCatcher();
        plan.start();
        context.getManagementStrategy().addEventNotifier(plan);
        try {
            return PlanHeap.measure(name, period,
                    () -> context.createProducerTemplate().request("direct:" + OfflineManyTablesBenchmark.JOB + "-run", e -> { }), plan.caught,
                    plan.planned::get);
        } finally {
            context.getManagementStrategy().removeEventNotifier(plan);
        }
    }

    /**
     * Measures each table's listing as the plan stage receives it (the partitions operation's answer,
     * until the backup starts), and catches the plan as kept (the job's tables) as the backup, the
     * stage after the plan, is sent to the source.
     */
    private static final class PlanCatcher extends EventNotifierSupport {
        final AtomicReference<List<?>> caught = new AtomicReference<>(List.of());
        final AtomicLong planned = new AtomicLong();

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeSentEvent sent && caught.get().isEmpty()
                    && sent.getEndpoint().getEndpointUri().contains("operation=partitions")) {
                Object table = sent.getExchange().getProperty(TablePlan.TABLE);
                Object listing = sent.getExchange().getMessage().getBody();
                planned.addAndGet(RetainedHeap.betweenSamples(() -> GraphLayout.parseInstance(table, listing).totalSize()));
                return;
            }
            if (!(event instanceof CamelEvent.ExchangeSendingEvent sending) || !sending.getEndpoint().getEndpointUri().contains("operation=backup")) return;
            List<?> tables = sending.getExchange().getProperty(OfflineTables.TABLES, List.class);
            if (tables != null && caught.get().isEmpty()) caught.set(tables);
        }
    }
}
