package io.ddbsync.sync.online.bench;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import io.ddbsync.standin.TestCluster;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a partition costs the online sync, beyond its data: the same rows as 10 partitions, as
 * 2,000 partitions of one table, and as 50 tables of 400 partitions (20,000), synced through the
 * real online-sync template between two in-process stand-ins; then an incremental run that finds
 * nothing changed, twice (the first fills the stats cache, the second plans from it). The baseline
 * is the plain Java API copying the same partitions one by one (select, append, count) with the
 * same parallelism. Prints per run: plan time, total time, overhead per partition, the CPU time of the JVM (runner and stand-ins), peak heap; and
 * the ratios. Never fails on time.
 * <p>
 * Overhead per partition = (run time - the baseline's time for the same partitions) / partitions:
 * what the sync spends per partition beyond moving the rows the plain API moves.
 *
 * <pre>mvn -q -ntp test-compile exec:exec@java -Dexec.args="-cp %classpath io.ddbsync.sync.online.bench.ManyPartitionsBenchmark 1000000 4"</pre>
 * (rows, parallel[, the layouts to run by partition count: 10,2000,4000,20000]). The offline sync of the same shapes:
 * io.ddbsync.app.bench.OfflineManyTablesBenchmark ({@link #offline}).
 */
public final class ManyPartitionsBenchmark {
    record Layout(String name, int tables, int partitionsPerTable) {
        int partitions() {
            return tables * partitionsPerTable;
        }
    }

    /** cpuSeconds: the CPU time of this JVM (runner and both stand-ins) over the run, which load on the machine stretches less than the wall time. */
    private record Figures(String what, int partitions, double planSeconds, double totalSeconds, double cpuSeconds, long peakHeapMb, String outcome) {
    }

    /** This JVM's CPU time so far, in seconds (all its threads: the runner's and both in-process stand-ins'). */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int parallel = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<Layout> all = List.of(new Layout("10 partitions", 1, 10), new Layout("2,000 partitions", 1, 2000),
                new Layout("10 tables x 400 partitions", 10, 400), new Layout("50 tables x 400 partitions", 50, 400));
        // a third argument picks layouts by their partition count (e.g. 2000 or 10,20000), for profiling one
        List<Layout> layouts = args.length > 2
                ? all.stream().filter(l -> List.of(args[2].split(",")).contains(String.valueOf(l.partitions()))).toList() : all;
        Path state = Files.createTempDirectory("many-partitions-state-");
        List<String> lines = new ArrayList<>();
        try (TestCluster src = TestCluster.start(); TestCluster dst = TestCluster.second()) {
            CamelContext context = context(new String[]{src.host() + ":" + src.port(), src.user(), src.password()},
                    new String[]{dst.host() + ":" + dst.port(), dst.user(), dst.password()}, state, parallel);
            ProducerTemplate template = context.createProducerTemplate();
            int n = 0;
            for (Layout layout : layouts) {
                n++;
                String db = "dfs://bench" + n;
                String copy = "dfs://benchcopy" + n;
                src.run(seedScript(db, layout, rows));
                System.out.printf(Locale.ROOT, "%n== %s: %,d rows in %d table(s) of %d partitions ==%n", layout.name(), rows, layout.tables(),
                        layout.partitionsPerTable());
                Figures baseline = baseline(src, dst, db, copy + "api", layout, parallel);
                Figures online = run(context, template, "online" + n, db, copy, Boolean.FALSE, layout, "online sync (new target)");
                Figures cold = run(context, template, "incremental" + n, db, copy, Boolean.TRUE, layout, "incremental, nothing changed (cache cold)");
                Figures warm = run(context, template, "incremental" + n, db, copy, null, layout, "incremental, nothing changed (stats cache)");
                for (Figures f : List.of(baseline, online, cold, warm)) {
                    String line = line(layout, f, baseline);
                    lines.add(line);
                    System.out.println(line);
                }
                System.out.println(offline(layout));
            }
            context.close();
        } finally {
            deleteTree(state);
        }
        System.out.println();
        System.out.println("== summary (overhead per partition = (run time - the baseline's time) / partitions) ==");
        lines.forEach(System.out::println);
    }

    /** The offline sync of the same shapes has a benchmark of its own: this one points to it. */
    private static String offline(Layout layout) {
        return "  offline sync of " + layout.name() + ": see io.ddbsync.app.bench.OfflineManyTablesBenchmark";
    }

    private static String line(Layout layout, Figures f, Figures baseline) {
        double overheadMs = (f.totalSeconds() - baseline.totalSeconds()) * 1000.0 / f.partitions();
        double perPartitionMs = f.totalSeconds() * 1000.0 / f.partitions();
        double baselinePerPartitionMs = baseline.totalSeconds() * 1000.0 / baseline.partitions();
        return String.format(Locale.ROOT, "  %-28s %-44s plan %7.2f s  total %7.2f s  %6.2f ms/partition  overhead %6.2f ms/partition"
                        + "  x%.2f of baseline  cpu %6.2f s (x%.2f)  peak heap %5d MB  %s", layout.name(), f.what(), f.planSeconds(), f.totalSeconds(),
                perPartitionMs, f == baseline ? 0.0 : overheadMs, perPartitionMs / baselinePerPartitionMs, f.cpuSeconds(),
                f.cpuSeconds() / baseline.cpuSeconds(), f.peakHeapMb(), f.outcome());
    }

    /** One table a partition key k in 0..p-1 (VALUE), rows spread evenly; several tables of one database for the 50-table layout. */
    static String seedScript(String db, Layout layout, long rows) {
        long perTable = rows / layout.tables();
        int p = layout.partitionsPerTable();
        StringBuilder script = new StringBuilder("d = database('" + db + "', VALUE, 0.." + (p - 1) + ")\n");
        for (int t = 0; t < layout.tables(); t++) {
            String table = "t" + String.format(Locale.ROOT, "%02d", t);
            script.append("d.createPartitionedTable(table(1:0, `k`id`px`sym, [INT, LONG, DOUBLE, SYMBOL]), `").append(table).append(", `k)\n")
                    .append("n = ").append(perTable).append("\n")
                    .append("loadTable('").append(db).append("', '").append(table).append("').append!(table(int((0..(n-1)) % ").append(p)
                    .append(") as k, long(0..(n-1)) as id, (0..(n-1)) * 0.01 as px, take(`IBM`MSFT`GOOG`AAPL, n) as sym))\n");
        }
        return script.toString();
    }

    /** A context with the online-sync template, clusters "source" and "target" each given as {site, user, password}. */
    static CamelContext context(String[] source, String[] target, Path state, int parallel) throws Exception {
        CamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        for (String name : List.of("source", "target")) {
            String[] c = name.equals("source") ? source : target;
            p.put("dolphindb.clusters." + name + ".sites", c[0]);
            p.put("dolphindb.clusters." + name + ".user", c[1]);
            p.put("dolphindb.clusters." + name + ".password", c[2]);
            p.put("dolphindb.clusters." + name + ".poolSize", String.valueOf(2 * parallel + 2));
        }
        p.put("ddbsync.stateDir", state.toString());
        context.getPropertiesComponent().setOverrideProperties(p);
        context.start();
        for (String file : List.of("file:routes/beans.yaml", "file:routes/online-sync.yaml")) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, file));
        }
        CONTEXT_PARALLEL.set(parallel);
        return context;
    }

    private static final AtomicInteger CONTEXT_PARALLEL = new AtomicInteger(4);

    /**
     * One run of a job over the layout's tables; {@code incremental} null: run the job already made
     * again (the second incremental run).
     */
    private static Figures run(CamelContext context, ProducerTemplate template, String jobId, String db, String copy, Boolean incremental,
                               Layout layout, String what) throws Exception {
        if (incremental != null) addJob(context, jobId, db, copy, incremental);
        System.gc();
        ServerCalls calls = ServerCalls.count(context);
        HeapPeak heap = HeapPeak.start();
        double cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        Exchange done;
        try {
            done = template.request("direct:" + jobId + "-run", e -> { });
        } finally {
            calls.stop(context);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        double cpu = cpuSeconds() - cpu0;
        System.out.println("  " + what + ": calls to the clusters per partition: " + calls.perPartition(layout.partitions()));
        RunReport report = done.getProperty(SyncProperties.REPORT, RunReport.class);
        double plan = 0;
        List<RunReport> reports = report.tables().isEmpty() ? List.of(report) : List.copyOf(report.tables().values());
        for (RunReport r : reports) {
            for (RunReport.Stage s : r.stages()) if (s.name().equals("plan")) plan += s.millis() / 1000.0;
        }
        String outcome = report.outcome() + (done.getException() == null ? "" : " " + done.getException().getMessage());
        return new Figures(what, layout.partitions(), plan, total, cpu, heap.peakUsedMb(), outcome);
    }

    /** Job {@code jobId}, run by sending to direct:{@code jobId}-run: the online sync of every table of {@code db} into {@code copy}. */
    static void addJob(CamelContext context, String jobId, String db, String copy, boolean incremental) throws Exception {
        TemplatedRouteBuilder b = TemplatedRouteBuilder.builder(context, "online-sync");
        b.parameter("jobId", jobId).parameter("sourceCluster", "source").parameter("targetCluster", "target")
                .parameter("database", db).parameter("tables", "*").parameter("targetDatabase", copy)
                .parameter("parallel", String.valueOf(CONTEXT_PARALLEL.get())).parameter("fetchSize", "65536")
                .parameter("incremental", String.valueOf(incremental));
        b.add();
    }

    /**
     * The run's calls to the clusters, by cluster and operation (each one round trip), counted as the routes send them, with the mean time a call
     * took (a streamed query's time is its first block's: the rest is read as the split goes).
     */
    private static final class ServerCalls extends org.apache.camel.support.EventNotifierSupport {

        private static final java.util.regex.Pattern OPERATION = java.util.regex.Pattern.compile("operation=([A-Za-z]+)");

        static ServerCalls count(CamelContext context) throws Exception {
            ServerCalls calls = new ServerCalls();
            // the sent events (and the sending ones, which Camel needs to time a send): counting should cost the run it
            // measures as little as it can, and Camel makes no event that every notifier ignores
            calls.setIgnoreCamelContextEvents(true);
            calls.setIgnoreRouteEvents(true);
            calls.setIgnoreServiceEvents(true);
            calls.setIgnoreExchangeCreatedEvent(true);
            calls.setIgnoreExchangeCompletedEvent(true);
            calls.setIgnoreExchangeFailedEvents(true);
            calls.setIgnoreExchangeRedeliveryEvents(true);
            calls.setIgnoreExchangeAsyncProcessingStartedEvents(true);
            calls.setIgnoreStepEvents(true);
            calls.start();
            context.getManagementStrategy().addEventNotifier(calls);
            return calls;
        }

        void stop(CamelContext context) {
            context.getManagementStrategy().removeEventNotifier(this);
            stop();
        }

        @Override
        public void notify(org.apache.camel.spi.CamelEvent event) {
            if (!(event instanceof org.apache.camel.spi.CamelEvent.ExchangeSentEvent sent)) return;
            // counted by endpoint (the URI's text is the endpoint's own, its hash kept), named by cluster and operation when printed
            String uri = sent.getEndpoint().getEndpointUri();
            if (!uri.startsWith("dolphindb:")) return;
            Sent counts = byEndpoint.computeIfAbsent(uri, k -> new Sent());
            counts.calls.increment();
            counts.millis.add(sent.getTimeTaken());
        }

        private record Sent(java.util.concurrent.atomic.LongAdder calls, java.util.concurrent.atomic.LongAdder millis) {
            Sent() {
                this(new java.util.concurrent.atomic.LongAdder(), new java.util.concurrent.atomic.LongAdder());
            }
        }

        private final java.util.Map<String, Sent> byEndpoint = new java.util.concurrent.ConcurrentHashMap<>();

        /** "target append": the cluster and the operation of an endpoint's URI. */
        private static String operationOf(String uri) {
            int query = uri.indexOf('?');
            String cluster = uri.substring("dolphindb:".length(), query < 0 ? uri.length() : query).replaceFirst("^/*", "");
            java.util.regex.Matcher op = OPERATION.matcher(uri);
            return cluster + " " + (op.find() ? op.group(1) : "?");
        }

        String perPartition(int partitions) {
            java.util.Map<String, long[]> byOperation = new java.util.TreeMap<>();
            byEndpoint.forEach((uri, sent) -> {
                long[] sum = byOperation.computeIfAbsent(operationOf(uri), k -> new long[2]);
                sum[0] += sent.calls().sum();
                sum[1] += sent.millis().sum();
            });
            StringBuilder out = new StringBuilder();
            double all = 0;
            for (var e : byOperation.entrySet()) {
                long calls = e.getValue()[0];
                double each = calls / (double) partitions;
                all += each;
                out.append(String.format(Locale.ROOT, "%s %.2f (%.2f ms each), ", e.getKey(), each, e.getValue()[1] / (double) calls));
            }
            return out.append(String.format(Locale.ROOT, "all %.2f", all)).toString();
        }
    }

    /** The plain Java API: each partition selected, appended to the target, counted there; `parallel` at a time. */
    private static Figures baseline(TestCluster src, TestCluster dst, String db, String copy, Layout layout, int parallel) throws Exception {
        int p = layout.partitionsPerTable();
        DBConnection setup = dst.connect();
        StringBuilder script = new StringBuilder("d = database('" + copy + "', VALUE, 0.." + (p - 1) + ")\n");
        for (int t = 0; t < layout.tables(); t++) {
            script.append("d.createPartitionedTable(table(1:0, `k`id`px`sym, [INT, LONG, DOUBLE, SYMBOL]), `t")
                    .append(String.format(Locale.ROOT, "%02d", t)).append(", `k)\n");
        }
        setup.run(script.toString());
        setup.close();
        System.gc();
        HeapPeak heap = HeapPeak.start();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        ThreadLocal<DBConnection[]> connections = ThreadLocal.withInitial(() -> {
            try {
                return new DBConnection[]{src.connect(), dst.connect()};
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<DBConnection[]> all = java.util.Collections.synchronizedList(new ArrayList<>());
        double cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < layout.tables(); t++) {
            String table = "t" + String.format(Locale.ROOT, "%02d", t);
            for (int k = 0; k < p; k++) {
                int key = k;
                futures.add(pool.submit(() -> {
                    DBConnection[] c = connections.get();
                    if (!all.contains(c)) all.add(c);
                    BasicTable rows = (BasicTable) c[0].run("select * from loadTable('" + db + "', '" + table + "') where k = " + key);
                    List<Entity> args = List.of(rows);
                    c[1].run("tableInsert{loadTable('" + copy + "', '" + table + "')}", args);
                    c[1].run("exec count(*) from loadTable('" + copy + "', '" + table + "') where k = " + key);
                    return null;
                }));
            }
        }
        for (Future<?> f : futures) f.get();
        double total = (System.nanoTime() - t0) / 1e9;
        double cpu = cpuSeconds() - cpu0;
        pool.shutdown();
        for (DBConnection[] c : all) {
            c[0].close();
            c[1].close();
        }
        return new Figures("baseline: plain Java API (select, append, count)", layout.partitions(), 0, total, cpu, heap.peakUsedMb(), "-");
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) return;
        try (var s = Files.walk(dir)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }

    static {
        // the JVM's own view, for the reader of the figures
        System.out.println("JVM max heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024) + " MB, "
                + Runtime.getRuntime().availableProcessors() + " processors");
    }
}
