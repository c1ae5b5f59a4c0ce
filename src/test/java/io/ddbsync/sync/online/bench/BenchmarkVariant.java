package io.ddbsync.sync.online.bench;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.EntityBlockReader;
import com.xxdb.io.ProgressListener;
import io.ddbsync.app.SyncApplication;
import io.ddbsync.standin.bench.StandInBenchmark.TickData;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One variant of {@link OnlineSyncBenchmark}, in a JVM of its own so its peak heap is its own. It
 * copies the table {@code -Dbench.runs} times (default 5) in that JVM: the first run pays for the
 * JIT compiling its code (as a --once run does), the later ones less and less (as the scheduled
 * runs of the long-running application); the JIT is still at work in the second. Prints a line per
 * run:
 * {@code RESULT variant=.. run=.. rows=.. seconds=.. peakHeapMb=.. peakLiveMb=.. cpuSeconds=..}, or
 * {@code FAILED variant=.. error=..} (an OutOfMemoryError, for the tutorial's example 7 in a small heap).
 *
 * <pre>BenchmarkVariant a|b|c srcPort dstPort srcDb dstDb days parallel fetchSize</pre>
 * b reads the application's configuration from -Dddbsync.config (the benchmark writes it).
 */
public final class BenchmarkVariant {
    private static final String TABLE = "mt";

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        int srcPort = Integer.parseInt(args[1]);
        int dstPort = Integer.parseInt(args[2]);
        String srcDb = args[3];
        String dstDb = args[4];
        int days = Integer.parseInt(args[5]);
        int parallel = Integer.parseInt(args[6]);
        int fetchSize = Integer.parseInt(args[7]);
        int runs = Integer.getInteger("bench.runs", 5);
        HeapPeak heap = HeapPeak.start();
        long t0 = System.nanoTime();
        // the online sync is one application, started once, whose job runs `runs` times (as a schedule would run it)
        Main app = variant.equals("b") ? SyncApplication.create(true) : null;
        try {
            if (app != null) app.start();
            for (int run = 1; run <= runs; run++) {
                if (run > 1) emptyTarget(variant, dstPort, dstDb, days);
                Copied copied = switch (variant) {
                    case "a" -> exampleSeven(srcPort, dstPort, srcDb, dstDb);
                    case "b" -> onlineSync(app);
                    case "c" -> rawPipelined(srcPort, dstPort, srcDb, dstDb, days, parallel, fetchSize);
                    default -> throw new IllegalArgumentException("variant a, b or c, not " + variant);
                };
                System.out.println(String.format(Locale.ROOT, "RESULT variant=%s run=%d rows=%d seconds=%.3f peakHeapMb=%d peakLiveMb=%d maxHeapMb=%d cpuSeconds=%.2f serverCpuSeconds=%s",
                        variant, run, copied.rows(), copied.nanos() / 1e9, heap.peakUsedMb(), heap.peakLiveMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                        copied.cpuNanos() / 1e9, copied.serverCpu()));
            }
        } catch (OutOfMemoryError e) {
            System.out.println("FAILED variant=" + variant + " error=OutOfMemoryError(" + e.getMessage() + ") after="
                    + String.format(Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9) + "s peakHeapMb=" + heap.peakUsedMb());
            System.exit(3);
            return;
        } finally {
            if (app != null) app.stop();
        }
        System.exit(0);
    }

    /**
     * Before every run but the first, not timed: the target as the first run found it, so that each
     * run does the same work on the target server. (a) and (c) append into an empty table like the
     * source's (the benchmark made the first); (b) creates its target itself (ensureTable).
     */
    private static void emptyTarget(String variant, int dstPort, String dstDb, int days) throws IOException {
        DBConnection dst = connect(dstPort);
        dst.run("if (existsDatabase('" + dstDb + "')) dropDatabase('" + dstDb + "')");
        if (!variant.equals("b")) dst.run(TickData.createScript(dstDb, TABLE, days));
        dst.close();
    }

    /** This JVM's CPU time so far, all threads (the online sync's includes starting the application, about 2 s of one core). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Rows copied, and the time and this JVM's CPU time the copy took (for the online sync: the run's, not the application's start). */
    private record Copied(long rows, long nanos, long cpuNanos, String serverCpu) {
        static Copied since(long rows, Start start) {
            double[] now = serverCpuSeconds();
            StringBuilder servers = new StringBuilder();
            for (int i = 0; i < now.length; i++) servers.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", now[i] - start.serverCpu()[i]));
            return new Copied(rows, System.nanoTime() - start.nanos(), processCpuNanos() - start.cpuNanos(), servers.toString());
        }
    }

    private record Start(long nanos, long cpuNanos, double[] serverCpu) {
        static Start now() {
            return new Start(System.nanoTime(), processCpuNanos(), serverCpuSeconds());
        }
    }

    /** The two stand-ins' CPU seconds so far (-Dbench.serverPids=source,target; empty without it). */
    private static double[] serverCpuSeconds() {
        String pids = System.getProperty("bench.serverPids", "");
        if (pids.isEmpty()) return new double[0];
        return java.util.Arrays.stream(pids.split(",")).mapToDouble(pid -> ProcessHandle.of(Long.parseLong(pid))
                .flatMap(h -> h.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9).orElse(0.0)).toArray();
    }

    /** The tutorial's example 7: one select of the whole window into memory, one append of all of it. */
    private static Copied exampleSeven(int srcPort, int dstPort, String srcDb, String dstDb) throws IOException {
        Start start = Start.now();
        DBConnection src = connect(srcPort);
        DBConnection dst = connect(dstPort);
        BasicTable all = (BasicTable) src.run("select * from loadTable('" + srcDb + "', '" + TABLE + "')");
        dst.run("tableInsert{loadTable('" + dstDb + "', '" + TABLE + "')}", List.<Entity>of(all));
        return Copied.since(all.rows(), start);
    }

    /**
     * Our online sync: the application's real routes and configuration, the job db1-online run once.
     * The time is the run's; starting the application (about two seconds, once per process) is not in it.
     * Every run creates the target table and copies and verifies every partition again (a run that
     * verified leaves no ledger keys behind).
     */
    private static Copied onlineSync(Main main) {
        Start start = Start.now();
        Exchange done = main.getCamelContext().createProducerTemplate().request("direct:db1-online-run", e -> { });
        RunReport report = done.getProperty(SyncProperties.REPORT, RunReport.class);
        System.out.println(report.render());
        // with verify=false (the copy alone) a run without error is all there is to check here; the benchmark counts the rows
        boolean verifyOff = "false".equals(main.getCamelContext().resolvePropertyPlaceholders("{{jobs.db1-online.verify}}"));
        if (report.error() != null || (!verifyOff && !report.succeeded())) throw new IllegalStateException("the online sync did not verify");
        return Copied.since(report.partitions().stream().mapToLong(RunReport.PartitionResult::targetRows).sum(), start);
    }

    /**
     * The ceiling: the plain DolphinDB Java API, partition by partition on {@code parallel} threads
     * (as the online sync), each partition read with fetchSize and written block by block by a
     * writer thread of its own while the reader fetches the next block.
     */
    private static Copied rawPipelined(int srcPort, int dstPort, String srcDb, String dstDb, int days, int parallel, int fetchSize) throws Exception {
        Start start = Start.now();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<Long>> parts = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            String day = LocalDate.of(2024, 1, 1).plusDays(d).toString().replace('-', '.');
            parts.add(pool.submit(() -> copyPartition(srcPort, dstPort, srcDb, dstDb, day, fetchSize)));
        }
        long rows = 0;
        for (Future<Long> f : parts) rows += f.get();
        pool.shutdown();
        return Copied.since(rows, start);
    }

    /** Marks the end of a partition's blocks in the hand-over queue. */
    private static final Object END = new Object();

    private static long copyPartition(int srcPort, int dstPort, String srcDb, String dstDb, String day, int fetchSize) throws Exception {
        DBConnection src = connect(srcPort);
        DBConnection dst = connect(dstPort);
        BlockingQueue<Object> handOver = new ArrayBlockingQueue<>(1);
        long[] written = {0};
        Exception[] writeFailure = {null};
        Thread writer = new Thread(() -> {
            try {
                for (Object o = handOver.take(); o != END; o = handOver.take()) {
                    BasicTable b = (BasicTable) o;
                    dst.run("tableInsert{loadTable('" + dstDb + "', '" + TABLE + "')}", List.<Entity>of(b));
                    written[0] += b.rows();
                }
            } catch (Exception e) {
                writeFailure[0] = e;
            }
        });
        writer.start();
        Entity result = src.run("select * from loadTable('" + srcDb + "', '" + TABLE + "') where partition(Timestamp, " + day + ")",
                (ProgressListener) null, 4, 2, fetchSize);
        if (result instanceof EntityBlockReader reader) {
            while (reader.hasNext()) handOver.put((BasicTable) reader.read());
        } else if (result instanceof BasicTable t && t.rows() > 0) {
            handOver.put(t);
        }
        handOver.put(END);
        writer.join();
        if (writeFailure[0] != null) throw writeFailure[0];
        src.close();
        dst.close();
        return written[0];
    }

    private static DBConnection connect(int port) throws IOException {
        DBConnection c = new DBConnection();
        if (!c.connect("127.0.0.1", port, "admin", "123456")) throw new IOException("cannot connect to 127.0.0.1:" + port);
        return c;
    }
}
