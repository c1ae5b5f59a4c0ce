package io.ddbsync.sync.online.bench;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import io.ddbsync.app.SyncApplication;
import io.ddbsync.standin.StandInProcess;
import io.ddbsync.standin.bench.StandInBenchmark.TickData;
import io.ddbsync.standin.dfs.Storage;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test): what the stats cache saves an incremental online sync. Two stand-ins (each
 * in a JVM of its own), the tick table on the source, and the application's real routes and
 * configuration with job db1-online set to incremental, run one after the other:
 *
 * <pre>
 * 1. the target is empty: everything is created (the plan scans the source's partitions)
 * 2. nothing changed: the plan should scan nothing (the copy remembered the target's stats)
 * 3. one row appended to one source partition: that partition is scanned, copied and verified
 * 4. nothing changed again
 * </pre>
 *
 * Prints each run's time, its plan's time and the plan's line (partition stats scanned and
 * unchanged since scanned).
 *
 * <pre>mvn -q -ntp test-compile exec:exec@java -Dexec.args="-cp %classpath io.ddbsync.sync.online.bench.IncrementalSyncBenchmark [rows=10000000]"</pre>
 *
 * Run it from the project directory (the application reads config/ and routes/ there).
 */
public final class IncrementalSyncBenchmark {
    private static final int DAYS = 10;
    private static final String DB = "dfs://incremental_bench";

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        Path work = Files.createTempDirectory("incremental-bench-");
        try (StandInProcess src = StandInProcess.start(work.resolve("src"), 0, "-Xmx8g");
             StandInProcess dst = StandInProcess.start(work.resolve("dst"), 0, "-Xmx8g")) {
            DBConnection source = OnlineSyncBenchmark.connect(src.port());
            source.run(TickData.createScript(DB, "mt", DAYS));
            for (long start = 0; start < rows; start += 100_000) {
                BasicTable block = TickData.block((int) start, (int) Math.min(100_000, rows - start), (int) rows, DAYS);
                source.run("tableInsert{loadTable('" + DB + "', 'mt')}", List.<Entity>of(block));
            }
            System.out.printf(Locale.ROOT, "incremental sync benchmark: %,d rows over %d daily partitions%n", rows, DAYS);
            System.setProperty("ddbsync.config", configuration(work, src.port(), dst.port()).toString());
            Main app = SyncApplication.create(true);
            app.start();
            try {
                run(app, "1. empty target");
                run(app, "2. nothing changed");
                source.run("t = select top 1 * from loadTable('" + DB + "', 'mt') where partition(Timestamp, 2024.01.05); loadTable('" + DB + "', 'mt').append!(t)");
                run(app, "3. one row appended to /20240105");
                run(app, "4. nothing changed");
            } finally {
                app.stop();
                source.close();
            }
        } finally {
            Storage.deleteTree(work);
        }
    }

    private static void run(Main app, String label) {
        long t0 = System.nanoTime();
        Exchange done = app.getCamelContext().createProducerTemplate().request("direct:db1-online-run", e -> { });
        double seconds = (System.nanoTime() - t0) / 1e9;
        RunReport report = done.getProperty(SyncProperties.REPORT, RunReport.class);
        if (!report.succeeded()) throw new IllegalStateException(label + ": the run did not verify\n" + report.render());
        RunReport.Stage plan = report.stages().stream().filter(s -> s.name().equals("plan")).findFirst().orElseThrow();
        System.out.printf(Locale.ROOT, "%-34s run %6.2f s, plan %6.2f s: %s%n", label, seconds, plan.millis() / 1e3, plan.detail());
    }

    /** The shipped configuration, its clusters pointed at the stand-ins and job db1-online at the benchmark's table, incremental. */
    private static Path configuration(Path work, int srcPort, int dstPort) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("config/application.properties")));
        lines.addAll(List.of("",
                "dolphindb.clusters.source.sites = 127.0.0.1:" + srcPort,
                "dolphindb.clusters.source.password = 123456",
                "dolphindb.clusters.source.poolSize = 10",
                "dolphindb.clusters.target.sites = 127.0.0.1:" + dstPort,
                "dolphindb.clusters.target.password = 123456",
                "dolphindb.clusters.target.poolSize = 10",
                "ddbsync.stateDir = " + work.resolve("state"),
                "jobs.db1.database = " + DB,
                "jobs.db1.targetDatabase = " + DB,
                "jobs.db1.window = all",
                "jobs.db1.columns = ",
                "jobs.db1-online.parallel = 4",
                "jobs.db1-online.fetchSize = 65536",
                "jobs.db1-online.incremental = true"));
        Path file = work.resolve("incremental-bench.properties");
        Files.write(file, lines);
        return file;
    }

}
