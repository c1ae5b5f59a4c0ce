package io.ddbsync.app.bench;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicAnyVector;
import com.xxdb.data.BasicDate;
import com.xxdb.data.BasicDictionary;
import com.xxdb.data.BasicString;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import io.ddbsync.camel.PartitionChecksum;
import io.ddbsync.camel.TableSchema;
import io.ddbsync.standin.StandInProcess;
import io.ddbsync.standin.dfs.Storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test): the stand-in's own share of an offline sync of one table of many
 * partitions (issue 18, shape B), each step by itself against one stand-in in a JVM of its own:
 * a copy-files backup (parallel, as the offline route asks), checkBackup, restoreDB into a new
 * database, the same restoreDB again (restoreUnchanged: every partition compared, none written, as
 * in a run that finds nothing changed), and the runner's batched checksum scan
 * ({@link PartitionChecksum#batchFunction}, 1,000 partitions a call) of the source. Each step runs {@code rounds} times on fresh directories and
 * databases; it prints each round's time and the stand-in's CPU time (user and system), and the
 * best of each, the time also in ms a partition.
 *
 * The stand-in's JVM options: system property {@code standin.jvm} (default -Xmx4g), say with
 * {@code -XX:StartFlightRecording=filename=/tmp/standin.jfr,settings=profile} to profile it.
 *
 * <pre>mvn -q -ntp test-compile exec:exec@java -Dexec.args="-cp %classpath io.ddbsync.app.bench.BackupCycleBenchmark [rows=1000000] [partitions=2000] [rounds=3] [steps=backup,checkBackup,restoreDB,restoreUnchanged,scan]"</pre>
 */
public final class BackupCycleBenchmark {
    private static final String DB = "dfs://cycle";

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> steps = args.length > 3 ? List.of(args[3].split(",")) : List.of("backup", "checkBackup", "restoreDB", "scan");
        Path work = Files.createTempDirectory("backup-cycle-bench-");
        try (StandInProcess server = StandInProcess.start(work.resolve("data"), 0, System.getProperty("standin.jvm", "-Xmx4g").split(" "))) {
            DBConnection c = new DBConnection();
            c.connect("127.0.0.1", server.port(), "admin", "123456");
            c.run("""
                    db = database("%1$s", VALUE, 2000.01.01 + 0..%2$d)
                    db.createPartitionedTable(table(1:0, `day`sym`qty`price, [DATE, SYMBOL, INT, DOUBLE]), `t, `day)
                    n = %3$d
                    loadTable("%1$s", "t").append!(table(2000.01.01 + (0..(n-1)) %% %4$d as day, take(`IBM`MSFT`AAPL`GOOG, n) as sym, int(0..(n-1)) as qty, (0..(n-1)) * 0.01 as price))
                    """.formatted(DB, partitions - 1, rows, partitions));
            System.out.printf(Locale.ROOT, "one table, %,d rows in %,d partitions; %d rounds; load average %s%n", rows, partitions, rounds, loadAverage());
            List<String> summary = new ArrayList<>();
            for (String step : steps) {
                double best = Double.MAX_VALUE;
                double bestCpu = Double.MAX_VALUE;
                StringBuilder each = new StringBuilder();
                for (int r = 0; r < rounds; r++) {
                    Path dir = work.resolve("backup-" + r);
                    String restored = DB + "_r" + r;
                    double cpuBefore = cpuSeconds(server);
                    double seconds = switch (step) {
                        case "backup" -> timed(() -> c.run("backup(\"" + dir + "\", \"" + DB + "\", parallel=true)"));
                        case "checkBackup" -> timed(() -> c.run("checkBackup(\"" + dir + "\", \"" + DB + "\")"));
                        case "restoreDB" -> timed(() -> c.run("restoreDB(\"" + dir + "\", \"" + DB + "\", \"" + restored + "\")"));
                        // the same restoreDB again: every partition compared with the target's, none written
                        case "restoreUnchanged" -> timed(() -> c.run("restoreDB(\"" + dir + "\", \"" + DB + "\", \"" + restored + "\")"));
                        case "scan" -> timed(() -> scan(c, partitions));
                        default -> throw new IllegalArgumentException("unknown step " + step + ": backup, checkBackup, restoreDB, restoreUnchanged (after restoreDB) or scan");
                    };
                    double cpu = cpuSeconds(server) - cpuBefore;
                    best = Math.min(best, seconds);
                    bestCpu = Math.min(bestCpu, cpu);
                    each.append(String.format(Locale.ROOT, " %.2f (cpu %.2f)", seconds, cpu));
                }
                String line = String.format(Locale.ROOT, "%-12s best %6.2f s  %6.3f ms/partition, stand-in cpu best %5.2f s   (rounds, s:%s)", step, best,
                        best * 1000 / partitions, bestCpu, each);
                System.out.println(line);
                summary.add(line);
            }
            c.close();
            System.out.println("load average after: " + loadAverage());
            // SIGTERM, not kill -9: a flight recording (-Dstandin.jvm=\"-XX:StartFlightRecording=...\") is written at exit
            server.terminate();
        } finally {
            Storage.deleteTree(work);
        }
    }

    /** The checksums of every partition, 1,000 a call, as the runner's stats asks them. */
    private static void scan(DBConnection c, int partitions) throws Exception {
        TableSchema schema = TableSchema.fromDictionary(DB, "t", (BasicDictionary) c.run("schema(loadTable(\"" + DB + "\", \"t\"))"));
        String function = PartitionChecksum.batchFunction(schema);
        for (int from = 0; from < partitions; from += 1000) {
            int n = Math.min(1000, partitions - from);
            BasicAnyVector keys = new BasicAnyVector(n);
            for (int i = 0; i < n; i++) keys.set(i, new BasicDate(LocalDate.of(2000, 1, 1).plusDays(from + i)));
            BasicTable r = (BasicTable) c.run(function, List.<Entity>of(new BasicString(DB), new BasicString("t"), keys));
            if (r.rows() != n) throw new IllegalStateException("checksums of " + r.rows() + " partitions for " + n);
        }
    }

    interface Step {
        void run() throws Exception;
    }

    private static double timed(Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * The CPU time the stand-in's process has used so far (user and system, every thread): less
     * stretched by other processes' load than a step's elapsed time, so two builds compare better.
     */
    private static double cpuSeconds(StandInProcess server) {
        return server.process().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
