package io.ddbsync.app.bench;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.Scalar;
import io.ddbsync.app.SyncApplication;
import io.ddbsync.standin.StandInProcess;
import io.ddbsync.standin.dfs.Storage;
import io.ddbsync.sync.online.bench.HeapPeak;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import io.ddbsync.sync.transfer.TransferHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark (not a test; it never fails on time): the offline sync of the same rows cut into ever more
 * partitions, through the real routes and configuration (job trades-offline, the shared-directory leg)
 * between two stand-ins, each in a JVM of its own (so the heap measured is the runner's alone):
 *
 * <pre>
 * A. one table of 10 daily partitions
 * B. one table of 2,000 daily partitions
 * C. 50 tables of 400 daily partitions each (20,000 partitions), one job over the whole database
 * </pre>
 *
 * Each is synced to an empty target, then run again with nothing changed (the kept copy-files
 * backup, the transfer of changed files only, the incremental restore, the stats cache). The
 * baseline is the plain Java API copying the same partitions one by one into a database of its own on
 * the target, {@code parallel} at a time: select on the source, tableInsert on the target, count
 * there. Prints per run the plan time, the total time, the time per partition, the overhead per
 * partition, {@code (run time - the baseline's time) / partitions}, the ratio to the baseline, and
 * the runner's heap: the peak live heap (the most the heap still held right after a garbage
 * collection during the run: what the runner kept, garbage excluded; from the JVM's collection
 * notifications) and the heap still used after a full collection at the run's end, both as growth
 * over the heap used after a full collection before the run. Under each run it prints the CPU
 * seconds the runner and the two stand-ins used, over the run and over each stage ({@link CpuMeter}):
 * less stretched by the machine's load than elapsed time.
 *
 * <pre>mvn -q -ntp test-compile exec:exec@java -Dexec.args="-Xmx1g -cp %classpath io.ddbsync.app.bench.OfflineManyTablesBenchmark [rows=1000000] [shapes=ABC] [parallel=4]"</pre>
 *
 * Run it from the project directory (the application reads config/ and routes/ there).
 */
public final class OfflineManyTablesBenchmark {
    static final String JOB = "trades-offline";

    record Shape(String name, String db, int tables, int partitionsPerTable) {
        int partitions() {
            return tables * partitionsPerTable;
        }
    }

    private record Figures(String what, double planSeconds, double seconds, HeapGrowth heap, String stages, String cpu) {
    }

    /** The heap a run needed beyond what was live before it, in MB. */
    private record HeapGrowth(long peakLiveMb, long retainedMb) {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        String only = args.length > 1 ? args[1] : "ABC";
        int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path work = Files.createTempDirectory("offline-many-bench-");
        List<Shape> shapes = new ArrayList<>(List.of(new Shape("A. 10 partitions", "dfs://bench_a", 1, 10),
                new Shape("B. 2,000 partitions, 1 table", "dfs://bench_b", 1, 2000),
                new Shape("C. 50 tables x 400 partitions", "dfs://bench_c", 50, 400)));
        shapes.removeIf(s -> only.indexOf(s.name().charAt(0)) < 0);
        List<String> summary = new ArrayList<>();
        try (StandInProcess src = StandInProcess.start(work.resolve("src"), 0, "-Xmx6g");
             StandInProcess dst = StandInProcess.start(work.resolve("dst"), 0, "-Xmx6g")) {
            DBConnection source = new DBConnection();
            source.connect("127.0.0.1", src.port(), "admin", "123456");
            for (Shape s : shapes) create(source, s, rows);
            source.close();
            System.out.printf(Locale.ROOT, "offline sync benchmark: %,d rows per shape, baseline parallel %d, JVM max heap %d MB%n", rows, parallel,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            try (CpuMeter cpu = CpuMeter.start(List.of("source", "target"), List.of(src.process().toHandle(), dst.process().toHandle()))) {
                for (Shape s : shapes) {
                    System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).trim());
                    Figures baseline = baseline(src.port(), dst.port(), s, parallel, cpu);
                    withApplication(work, s, src.port(), dst.port(), app -> {
                        for (Figures f : List.of(baseline, run(app, s, "offline sync, new target", cpu), run(app, s, "offline sync, nothing changed", cpu))) {
                            String line = line(s, f, baseline);
                            summary.add(line);
                            System.out.println(line + "  " + f.stages() + "\n    cpu (s): " + f.cpu());
                        }
                    });
                }
            }
        } finally {
            Storage.deleteTree(work);
        }
        System.out.println();
        System.out.println("== summary (overhead per partition = (run time - the baseline's time) / partitions) ==");
        summary.forEach(System.out::println);
    }

    /** What is done with the application while it runs. */
    interface ApplicationRuns {
        void run(Main app) throws Exception;
    }

    /** The application, configured for the shape's job (see {@link #configuration}), started for {@code runs} and stopped after. */
    static void withApplication(Path work, Shape s, int srcPort, int dstPort, ApplicationRuns runs) throws Exception {
        System.setProperty("ddbsync.config", configuration(work, s, srcPort, dstPort).toString());
        Main app = SyncApplication.create(true);
        app.start();
        try {
            runs.run(app);
        } finally {
            app.stop();
        }
    }

    private static String line(Shape s, Figures f, Figures baseline) {
        double perPartitionMs = f.seconds() * 1000 / s.partitions();
        double overheadMs = (f.seconds() - baseline.seconds()) * 1000 / s.partitions();
        return String.format(Locale.ROOT, "%-30s %-34s plan %6.2f s  total %7.2f s  %6.2f ms/partition  overhead %6s ms/partition  x%5.2f"
                        + "  heap: peak live +%4d MB, retained +%4d MB", s.name(), f.what(), f.planSeconds(), f.seconds(), perPartitionMs,
                f == baseline ? "-" : String.format(Locale.ROOT, "%.2f", overheadMs), f.seconds() / baseline.seconds(), f.heap().peakLiveMb(),
                f.heap().retainedMb());
    }

    /** The shape's tables, VALUE-partitioned by day, the rows spread evenly over every partition of every table. */
    static void create(DBConnection c, Shape s, long rows) throws Exception {
        long perTable = rows / s.tables();
        c.run("db = database(\"" + s.db() + "\", VALUE, 2000.01.01 + 0.." + (s.partitionsPerTable() - 1) + ")");
        for (int t = 0; t < s.tables(); t++) {
            c.run("""
                    db = database("%1$s")
                    db.createPartitionedTable(table(1:0, `day`sym`qty`price, [DATE, SYMBOL, INT, DOUBLE]), `t%2$d, `day)
                    n = %3$d
                    loadTable("%1$s", "t%2$d").append!(table(2000.01.01 + (0..(n-1)) %% %4$d as day, take(`IBM`MSFT`AAPL`GOOG, n) as sym, int(0..(n-1)) as qty, (0..(n-1)) * 0.01 as price))
                    """.formatted(s.db(), t, perTable, s.partitionsPerTable()));
        }
    }

    private static Figures run(Main app, Shape s, String label, CpuMeter cpu) {
        HeapMeter heap = HeapMeter.start();
        long t0 = System.nanoTime();
        Exchange done = app.getCamelContext().createProducerTemplate().request("direct:" + JOB + "-run", e -> { });
        long t1 = System.nanoTime();
        double seconds = (t1 - t0) / 1e9;
        HeapGrowth growth = heap.stop();
        RunReport report = done.getProperty(SyncProperties.REPORT, RunReport.class);
        if (report == null || !report.succeeded()) {
            throw new IllegalStateException(s.name() + " " + label + ": the run did not verify\n" + (report == null ? done.getException() : report.render()));
        }
        RunReport.Stage plan = report.stages().stream().filter(st -> st.name().equals("plan")).findFirst().orElseThrow();
        StringBuilder stages = new StringBuilder("stages (s):");
        StringBuilder cpuFigures = new StringBuilder(cpu.between(t0, t1));
        for (RunReport.Stage st : report.stages()) {
            stages.append(String.format(Locale.ROOT, " %s %.1f", st.name(), st.millis() / 1e3));
            // the leg's copy alone (after the manifest, before the check of the target)
            Long copyMillis = done.getProperty(TransferHeaders.COPY_MILLIS, Long.class);
            if (st.name().equals("transfer") && copyMillis != null) stages.append(String.format(Locale.ROOT, " (copy %.1f)", copyMillis / 1e3));
            Long started = done.getProperty(SyncProperties.STAGE_STARTED + st.name(), Long.class);
            if (started != null) cpuFigures.append("; ").append(st.name()).append(": ").append(cpu.between(started, started + st.millis() * 1_000_000));
        }
        return new Figures(label, plan.millis() / 1e3, seconds, growth, stages.toString(), cpuFigures.toString());
    }

    /**
     * The plain Java API, the same partitions one by one into a database of its own on the target,
     * {@code parallel} at a time, each thread with its own connection to each side: select the
     * partition's rows, tableInsert them, count them on the target.
     */
    private static Figures baseline(int srcPort, int dstPort, Shape s, int parallel, CpuMeter cpu) throws Exception {
        String copy = s.db() + "_api";
        DBConnection setup = connect(dstPort);
        setup.run("db = database(\"" + copy + "\", VALUE, 2000.01.01 + 0.." + (s.partitionsPerTable() - 1) + ")");
        for (int t = 0; t < s.tables(); t++) {
            setup.run("database(\"" + copy + "\").createPartitionedTable(table(1:0, `day`sym`qty`price, [DATE, SYMBOL, INT, DOUBLE]), `t" + t + ", `day)");
        }
        setup.close();
        HeapMeter heap = HeapMeter.start();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<DBConnection> connections = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<DBConnection[]> perThread = ThreadLocal.withInitial(() -> {
            try {
                DBConnection[] pair = {connect(srcPort), connect(dstPort)};
                connections.addAll(List.of(pair));
                return pair;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long t0 = System.nanoTime();
        List<Future<?>> copies = new ArrayList<>();
        for (int t = 0; t < s.tables(); t++) {
            String table = "t" + t;
            for (int p = 0; p < s.partitionsPerTable(); p++) {
                String day = LocalDate.of(2000, 1, 1).plusDays(p).format(DateTimeFormatter.ofPattern("yyyy.MM.dd"));
                copies.add(pool.submit(() -> {
                    DBConnection[] c = perThread.get();
                    BasicTable rows = (BasicTable) c[0].run("select * from loadTable(\"" + s.db() + "\", `" + table + ") where day = " + day);
                    c[1].run("tableInsert{loadTable(\"" + copy + "\", `" + table + ")}", List.<Entity>of(rows));
                    long copied = ((Scalar) c[1].run("exec count(*) from loadTable(\"" + copy + "\", `" + table + ") where day = " + day)).getNumber().longValue();
                    if (copied != rows.rows()) throw new IllegalStateException(table + " " + day + ": " + copied + " rows copied of " + rows.rows());
                    return null;
                }));
            }
        }
        for (Future<?> f : copies) f.get();
        long t1 = System.nanoTime();
        double seconds = (t1 - t0) / 1e9;
        pool.shutdown();
        for (DBConnection c : connections) c.close();
        return new Figures("baseline: plain Java API (select, append, count)", 0, seconds, heap.stop(), "", cpu.between(t0, t1));
    }

    private static DBConnection connect(int port) throws IOException {
        DBConnection c = new DBConnection();
        c.connect("127.0.0.1", port, "admin", "123456");
        return c;
    }

    /**
     * The runner's heap over one run: the most that was live after any collection during it (from
     * the JVM's collection notifications, {@link HeapPeak}) and what is left after a full collection
     * at its end, both beyond what was live after a full collection before it.
     */
    private record HeapMeter(long liveBeforeMb, HeapPeak peak) {
        static HeapMeter start() {
            return new HeapMeter(liveAfterFullGcMb(), HeapPeak.start());
        }

        HeapGrowth stop() {
            long retained = liveAfterFullGcMb();
            // no collection during the run: the peak live heap is at most what the run ends with plus its garbage; say the retained
            long peakLive = Math.max(peak.peakLiveMb(), retained);
            return new HeapGrowth(Math.max(0, peakLive - liveBeforeMb), Math.max(0, retained - liveBeforeMb));
        }

        private static long liveAfterFullGcMb() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        }
    }

    static Path configuration(Path work, Shape s, int srcPort, int dstPort) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("config/application.properties")));
        lines.addAll(List.of("",
                "camel.management.enabled = false",
                "dolphindb.clusters.source.sites = 127.0.0.1:" + srcPort,
                "dolphindb.clusters.source.password = 123456",
                "dolphindb.clusters.target.sites = 127.0.0.1:" + dstPort,
                "dolphindb.clusters.target.password = 123456",
                // each shape its own state: the job's known tables are the shape's
                "ddbsync.stateDir = " + work.resolve("state").resolve(s.db().substring("dfs://".length())),
                "jobs." + JOB + ".database = " + s.db(),
                "jobs." + JOB + ".tables = *",
                "jobs." + JOB + ".backupDir = " + work.resolve("backup"),
                "jobs." + JOB + ".restoreDir = " + work.resolve("restore")));
        Path file = work.resolve("offline-bench-" + s.db().substring("dfs://".length()) + ".properties");
        Files.write(file, lines);
        return file;
    }
}
