package io.ddbsync.standin.bench;

import com.xxdb.DBConnection;
import com.xxdb.data.*;
import com.xxdb.data.Vector;
import com.xxdb.io.LittleEndianDataOutputStream;
import com.xxdb.io.ProgressListener;
import io.ddbsync.standin.StandInProcess;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (not a test): how fast the stand-in serves a tick table, against the ceiling of
 * serializing the same rows in-process with the official API's own codec, measured in the same run.
 *
 * <pre>java -cp ... io.ddbsync.standin.bench.StandInBenchmark [rows=10000000] [block=100000] [fetchSize=100000]</pre>
 *
 * Prints rows/s, MB/s and the ratios. Targets: read ≥ 0.5 and write ≥ 0.35 of the ceiling.
 */
public final class StandInBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int fetchSize = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int days = 10;
        List<BasicTable> blocks = new ArrayList<>();
        for (int start = 0; start < rows; start += block) blocks.add(TickData.block(start, Math.min(block, rows - start), rows, days));
        long bytes = 0;
        for (BasicTable b : blocks) bytes += serializedSize(b);
        System.out.printf("tick table: %,d rows, %d columns, %,.1f MB serialized, %d daily partitions%n", rows, blocks.get(0).columns(), bytes / 1e6, days);

        // ceiling: the API's codec in-process, the same blocks (best of 3 passes)
        double ceiling = 0;
        for (int pass = 0; pass < 3; pass++) {
            long t0 = System.nanoTime();
            for (BasicTable b : blocks) b.write(new LittleEndianDataOutputStream(OutputStream.nullOutputStream()));
            ceiling = Math.max(ceiling, rows / seconds(t0));
        }
        report("ceiling: serialize in-process", rows, bytes, rows / ceiling);

        Path data = Files.createTempDirectory("standin-bench-");
        try (StandInProcess server = StandInProcess.start(data, 0, serverJvmOptions())) {
            DBConnection c = new DBConnection();
            c.connect("127.0.0.1", server.port(), "admin", "123456");
            warmUp(c, blocks, fetchSize, days);
            c.run(TickData.createScript("dfs://bench", "tick", days));

            CpuClock cpu = new CpuClock(server.process().pid());
            long t0 = System.nanoTime();
            write(c, "dfs://bench", blocks);
            double write = seconds(t0);
            report("write: tableInsert in blocks of " + block, rows, bytes, write);
            cpu.report();

            long t1 = System.nanoTime();
            long read = read(c, "dfs://bench", fetchSize);
            double readTime = seconds(t1);
            if (read != rows) throw new IllegalStateException("read " + read + " rows, expected " + rows);
            report("read: select * with fetchSize " + fetchSize, rows, bytes, readTime);
            cpu.report();

            double ceilingTime = rows / ceiling;
            System.out.printf("ratio read/ceiling  = %.2f (target >= 0.50)%n", ceilingTime / readTime);
            System.out.printf("ratio write/ceiling = %.2f (target >= 0.35)%n", ceilingTime / write);
            c.close();
            server.terminate();
        } finally {
            // half a gigabyte per run: leave no data directory behind
            io.ddbsync.standin.dfs.Storage.deleteTree(data);
        }
    }

    /**
     * Runs the measured work on a smaller table first, so that both JVMs have compiled the code
     * the measurement runs, as the ceiling's best-of-3 has (in a fresh JVM the JIT compilers
     * otherwise take a core of the two for much of the measured read). The measured work stays
     * the whole table, on a fresh database; the warm-up's database is dropped before it starts.
     * -Dbench.warmupRows=0 turns it off.
     */
    private static void warmUp(DBConnection c, List<BasicTable> blocks, int fetchSize, int days) throws IOException {
        int target = Integer.getInteger("bench.warmupRows", 2_000_000);
        int passes = Integer.getInteger("bench.warmupPasses", 2);
        if (target <= 0 || passes <= 0) return;
        List<BasicTable> some = new ArrayList<>();
        int n = 0;
        for (BasicTable b : blocks) {
            if (n >= target) break;
            some.add(b);
            n += b.rows();
        }
        for (int pass = 0; pass < passes; pass++) {
            c.run(TickData.createScript("dfs://bench_warmup", "tick", days));
            write(c, "dfs://bench_warmup", some);
            if (read(c, "dfs://bench_warmup", Math.min(fetchSize, n)) != n) throw new IllegalStateException("warm-up read a wrong row count");
        }
        c.run("dropDatabase('dfs://bench_warmup')");
        System.out.printf("warm-up: %d passes of writing and reading %,d rows (not measured)%n", passes, n);
    }

    private static void write(DBConnection c, String db, List<BasicTable> blocks) throws IOException {
        for (BasicTable b : blocks) c.run("tableInsert{loadTable('" + db + "', 'tick')}", List.of(b));
    }

    /** Streams the whole table with fetchSize; returns the number of rows read. */
    private static long read(DBConnection c, String db, int fetchSize) throws IOException {
        EntityBlockReader reader = (EntityBlockReader) c.run("select * from loadTable('" + db + "', 'tick')", (ProgressListener) null, 4, 2, fetchSize);
        long read = 0;
        while (reader.hasNext()) read += reader.read().rows();
        return read;
    }

    /**
     * CPU seconds each side spent since the last report, user and system (Linux's /proc; nothing
     * elsewhere): with two processes on two cores, it tells which side was working, and how much
     * of it in the kernel (socket calls, page faults, file writes).
     */
    private static final class CpuClock {
        private final Path clientStat = Path.of("/proc/self/stat");
        private final Path serverStat;
        private long[] client;
        private long[] server;

        CpuClock(long serverPid) {
            this.serverStat = Path.of("/proc", String.valueOf(serverPid), "stat");
            this.client = ticks(clientStat);
            this.server = ticks(serverStat);
        }

        private static long[] ticks(Path stat) {
            return ProcStat.ticks(stat);
        }

        void report() {
            long[] c = ticks(clientStat);
            long[] s = ticks(serverStat);
            if (c != null && s != null && client != null && server != null) {
                System.out.printf("%-42s client %.2f s (%.2f user, %.2f sys), server %.2f s (%.2f user, %.2f sys)%n", "  cpu",
                        (c[0] + c[1] - client[0] - client[1]) / 100.0, (c[0] - client[0]) / 100.0, (c[1] - client[1]) / 100.0,
                        (s[0] + s[1] - server[0] - server[1]) / 100.0, (s[0] - server[0]) / 100.0, (s[1] - server[1]) / 100.0);
            }
            client = c;
            server = s;
        }
    }

    /** JVM options of the server process; -Dbench.serverOptions="..." adds to them (a profiler, for instance). */
    private static String[] serverJvmOptions() {
        // throughput after a warm-up: with C2, not the stand-in process's default of C1 alone
        List<String> options = new ArrayList<>(List.of("-Xmx6g", "-XX:TieredStopAtLevel=4"));
        String extra = System.getProperty("bench.serverOptions", "").trim();
        if (!extra.isEmpty()) options.addAll(List.of(extra.split("\\s+")));
        return options.toArray(new String[0]);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void report(String what, long rows, long bytes, double seconds) {
        System.out.printf("%-42s %8.2f s %,14.0f rows/s %10.1f MB/s%n", what, seconds, rows / seconds, bytes / 1e6 / seconds);
        if (Boolean.getBoolean("bench.timestamps")) {
            // CLOCK_MONOTONIC, as perf record -k mono stamps its samples: the phase's window for perf report --time
            long end = System.nanoTime();
            long start = end - (long) (seconds * 1e9);
            System.out.printf("  window %d.%09d,%d.%09d%n", start / 1_000_000_000L, start % 1_000_000_000L, end / 1_000_000_000L, end % 1_000_000_000L);
        }
    }

    private static long serializedSize(BasicTable t) throws IOException {
        long[] count = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        t.write(new LittleEndianDataOutputStream(counter));
        return count[0];
    }

    /** Rows shaped like the tutorial's tick table. */
    public static final class TickData {
        private TickData() {
        }

        public static String createScript(String db, String table, int days) {
            return "if (existsDatabase('" + db + "')) dropDatabase('" + db + "')\n"
                    + "d = database('" + db + "', VALUE, 2024.01.01.." + java.time.LocalDate.of(2024, 1, days).toString().replace('-', '.') + ")\n"
                    + "t = table(1:0, `Timestamp`sym`qty`vol`bid`ask`px`TradingDay, [TIMESTAMP, SYMBOL, INT, LONG, DOUBLE, DOUBLE, DOUBLE, DATE])\n"
                    + "d.createPartitionedTable(t, `" + table + ", `Timestamp)";
        }

        /** Rows [start, start+n) of a table of {@code total} rows spread evenly, in time order, over {@code days} days. */
        public static BasicTable block(int start, int n, int total, int days) {
            long day0 = 1704067200000L; // 2024.01.01T00:00:00.000
            long span = days * 86_400_000L;
            long[] ts = new long[n];
            int[] tradingDay = new int[n];
            String[] syms = {"IBM", "MSFT", "AAPL", "GOOG", "AMZN", "TSLA", "NVDA", "META"};
            List<String> sym = new ArrayList<>(n);
            int[] qty = new int[n];
            long[] vol = new long[n];
            double[] bid = new double[n];
            double[] ask = new double[n];
            double[] px = new double[n];
            for (int i = 0; i < n; i++) {
                long r = start + i;
                ts[i] = day0 + r * span / total;
                tradingDay[i] = (int) (ts[i] / 86_400_000L);
                sym.add(syms[(int) (r % syms.length)]);
                qty[i] = (int) (r % 1000);
                vol[i] = r * 7;
                bid[i] = 100 + (r % 997) * 0.01;
                ask[i] = bid[i] + 0.02;
                px[i] = bid[i] + 0.01;
            }
            return new BasicTable(List.of("Timestamp", "sym", "qty", "vol", "bid", "ask", "px", "TradingDay"),
                    List.<Vector>of(new BasicTimestampVector(ts), new BasicSymbolVector(sym), new BasicIntVector(qty), new BasicLongVector(vol),
                            new BasicDoubleVector(bid), new BasicDoubleVector(ask), new BasicDoubleVector(px), new BasicDateVector(tradingDay)));
        }
    }
}
