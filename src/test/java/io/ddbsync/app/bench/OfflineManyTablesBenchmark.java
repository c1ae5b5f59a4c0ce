package io.ddbsync.app.bench;

import com.xxdb.DBConnection;
import io.ddbsync.app.SyncApplication;
import io.ddbsync.standin.StandInProcess;
import io.ddbsync.standin.dfs.Storage;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test; it never fails on time): the offline sync of the same rows cut into ever more
 * partitions, through the real routes and configuration (job trades-offline, the shared-directory leg)
 * between two stand-ins, each in a JVM of its own:
 *
 * <pre>
 * A. one table of 10 daily partitions
 * B. one table of 2,000 daily partitions
 * C. 50 tables of 400 daily partitions each (20,000 partitions), one job over the whole database
 * </pre>
 *
 * Each is synced to an empty target, then run again with nothing changed (the kept copy-files
 * backup, the incremental restore, the stats cache). Prints per run the plan time, the total time,
 * the overhead per partition (the run's time beyond A's same run, spread over the partitions beyond A's) and
 * the runner's peak heap (the heap pools' peak usage during the run).
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.ddbsync.app.bench.OfflineManyTablesBenchmark [rows=1000000] [shapes=ABC]</pre>
 *
 * Run it from the project directory (the application reads config/ and routes/ there).
 */
public final class OfflineManyTablesBenchmark {
    private static final String JOB = "trades-offline";

    private record Shape(String name, String db, int tables, int partitionsPerTable) {
        int partitions() {
            return tables * partitionsPerTable;
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        String only = args.length > 1 ? args[1] : "ABC";
        Path work = Files.createTempDirectory("offline-many-bench-");
        List<Shape> shapes = new ArrayList<>(List.of(new Shape("A. 10 partitions", "dfs://bench_a", 1, 10),
                new Shape("B. 2,000 partitions, 1 table", "dfs://bench_b", 1, 2000),
                new Shape("C. 50 tables x 400 partitions", "dfs://bench_c", 50, 400)));
        // A is always run: it is what the others' overhead per partition is measured against
        shapes.removeIf(s -> s.name().charAt(0) != 'A' && only.indexOf(s.name().charAt(0)) < 0);
        try (StandInProcess src = StandInProcess.start(work.resolve("src"), 0, "-Xmx6g");
             StandInProcess dst = StandInProcess.start(work.resolve("dst"), 0, "-Xmx6g")) {
            DBConnection source = new DBConnection();
            source.connect("127.0.0.1", src.port(), "admin", "123456");
            for (Shape s : shapes) create(source, s, rows);
            source.close();
            System.out.printf(Locale.ROOT, "offline sync benchmark: %,d rows per shape%n", rows);
            System.out.printf(Locale.ROOT, "%-32s %-16s %10s %10s %12s %14s %10s%n", "shape", "run", "plan s", "total s", "partitions",
                    "overhead ms/p", "peak MB");
            double[] base = new double[2];
            for (Shape s : shapes) {
                System.setProperty("ddbsync.config", configuration(work, s, src.port(), dst.port()).toString());
                Main app = SyncApplication.create(true);
                app.start();
                try {
                    double first = run(app, s, "new target", base[0]);
                    double again = run(app, s, "nothing changed", base[1]);
                    if (base[0] == 0) {
                        base[0] = first;
                        base[1] = again;
                    }
                } finally {
                    app.stop();
                }
            }
        } finally {
            Storage.deleteTree(work);
        }
    }

    /** The shape's tables, VALUE-partitioned by day, the rows spread evenly over every partition of every table. */
    private static void create(DBConnection c, Shape s, long rows) throws Exception {
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

    private static double run(Main app, Shape s, String label, double baseSeconds) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        long t0 = System.nanoTime();
        Exchange done = app.getCamelContext().createProducerTemplate().request("direct:" + JOB + "-run", e -> { });
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        RunReport report = done.getProperty(SyncProperties.REPORT, RunReport.class);
        if (report == null || !report.succeeded()) {
            throw new IllegalStateException(s.name() + " " + label + ": the run did not verify\n" + (report == null ? done.getException() : report.render()));
        }
        RunReport.Stage plan = report.stages().stream().filter(st -> st.name().equals("plan")).findFirst().orElseThrow();
        String overhead = baseSeconds == 0 || s.partitions() <= 10 ? "-"
                : String.format(Locale.ROOT, "%.2f", (seconds - baseSeconds) * 1000 / (s.partitions() - 10));
        StringBuilder stages = new StringBuilder();
        for (RunReport.Stage st : report.stages()) stages.append(String.format(Locale.ROOT, " %s %.1f", st.name(), st.millis() / 1e3));
        System.out.printf(Locale.ROOT, "%-32s %-16s %10.2f %10.2f %12d %14s %10d  stages (s):%s%n", s.name(), label, plan.millis() / 1e3, seconds,
                s.partitions(), overhead, peak / (1024 * 1024), stages);
        return seconds;
    }

    private static Path configuration(Path work, Shape s, int srcPort, int dstPort) throws Exception {
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
