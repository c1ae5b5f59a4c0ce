package io.ddbsync.sync.online.bench;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.EntityBlockReader;
import com.xxdb.io.ProgressListener;
import io.ddbsync.app.SyncApplication;
import io.ddbsync.sync.RunReport;
import io.ddbsync.sync.SyncProperties;
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
 * One variant of {@link OnlineSyncBenchmark}, in a JVM of its own so its peak heap is its own.
 * Prints one line: {@code RESULT variant=.. rows=.. seconds=.. peakHeapMb=.. peakLiveMb=..}, or
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
        HeapPeak heap = HeapPeak.start();
        long t0 = System.nanoTime();
        Copied copied;
        try {
            copied = switch (variant) {
                case "a" -> exampleSeven(srcPort, dstPort, srcDb, dstDb);
                case "b" -> onlineSync();
                case "c" -> rawPipelined(srcPort, dstPort, srcDb, dstDb, days, parallel, fetchSize);
                default -> throw new IllegalArgumentException("variant a, b or c, not " + variant);
            };
        } catch (OutOfMemoryError e) {
            System.out.println("FAILED variant=" + variant + " error=OutOfMemoryError(" + e.getMessage() + ") after="
                    + String.format(Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9) + "s peakHeapMb=" + heap.peakUsedMb());
            System.exit(3);
            return;
        }
        System.out.println(String.format(Locale.ROOT, "RESULT variant=%s rows=%d seconds=%.3f peakHeapMb=%d peakLiveMb=%d maxHeapMb=%d", variant, copied.rows(),
                copied.nanos() / 1e9, heap.peakUsedMb(), heap.peakLiveMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        System.exit(0);
    }

    /** Rows copied and the time the copy took (for the online sync: the run, not the application's start). */
    private record Copied(long rows, long nanos) {
        static Copied since(long rows, long startNanos) {
            return new Copied(rows, System.nanoTime() - startNanos);
        }
    }

    /** The tutorial's example 7: one select of the whole window into memory, one append of all of it. */
    private static Copied exampleSeven(int srcPort, int dstPort, String srcDb, String dstDb) throws IOException {
        long start = System.nanoTime();
        DBConnection src = connect(srcPort);
        DBConnection dst = connect(dstPort);
        BasicTable all = (BasicTable) src.run("select * from loadTable('" + srcDb + "', '" + TABLE + "')");
        dst.run("tableInsert{loadTable('" + dstDb + "', '" + TABLE + "')}", List.<Entity>of(all));
        return Copied.since(all.rows(), start);
    }

    /**
     * Our online sync: the application's real routes and configuration, the job db1-online run once.
     * The time is the run's; starting the application (about two seconds, once per process) is not in it.
     */
    private static Copied onlineSync() throws Exception {
        Main main = SyncApplication.create(true);
        main.start();
        try {
            long start = System.nanoTime();
            Exchange done = main.getCamelContext().createProducerTemplate().request("direct:db1-online-run", e -> { });
            RunReport report = done.getProperty(SyncProperties.REPORT, RunReport.class);
            System.out.println(report.render());
            // with verify=false (the copy alone) a run without error is all there is to check here; the benchmark counts the rows
            boolean verifyOff = "false".equals(main.getCamelContext().resolvePropertyPlaceholders("{{jobs.db1-online.verify}}"));
            if (report.error() != null || (!verifyOff && !report.succeeded())) throw new IllegalStateException("the online sync did not verify");
            return Copied.since(report.partitions().stream().mapToLong(RunReport.PartitionResult::targetRows).sum(), start);
        } finally {
            main.stop();
        }
    }

    /**
     * The ceiling: the plain DolphinDB Java API, partition by partition on {@code parallel} threads
     * (as the online sync), each partition read with fetchSize and written block by block by a
     * writer thread of its own while the reader fetches the next block.
     */
    private static Copied rawPipelined(int srcPort, int dstPort, String srcDb, String dstDb, int days, int parallel, int fetchSize) throws Exception {
        long start = System.nanoTime();
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
