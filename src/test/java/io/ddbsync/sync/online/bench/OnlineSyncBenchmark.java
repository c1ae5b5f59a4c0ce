package io.ddbsync.sync.online.bench;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.Scalar;
import io.ddbsync.standin.StandInProcess;
import io.ddbsync.standin.bench.StandInBenchmark.TickData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): the online sync against the two ways it replaces, over the same two
 * stand-ins (each in a JVM of its own), each way in a JVM of its own so its peak heap is its own.
 *
 * <pre>
 * (a) the tutorial's example 7: one select of the whole window into memory, one append
 * (b) our online sync: the application's real routes and configuration (job db1-online, window all),
 *     partitions in parallel, streamed in fetchSize blocks, each cleared, copied and verified (by
 *     reading it back, the default; b-checksum: by server-side checksums; b-copy: not verified)
 * (c) the ceiling: the plain Java API, partitions in parallel, each read in fetchSize blocks while
 *     a writer thread appends the previous block (pipelined); no clearing, no verification
 * </pre>
 *
 * Then (b) over a table four times as large (four times the rows in each partition), and (b) and
 * (a) again with -Xmx256m, and the smallest heap each runs in. Then (a), (b) and (c) over network
 * links ({@link NetworkLink}, -Dbench.link, default 125 MB/s each way and 1 ms): with a link to each
 * cluster (the runner between them), and with a link to the source only (the runner next to the
 * target). On loopback the three processes share the machine's two cores, so every variant is
 * CPU-bound and any work shows in the time; over the links the copy waits for the network, as
 * between two clusters, and work shows where it adds to the links' traffic.
 * <p>
 * Before anything is measured, both stand-ins serve a warm-up round of every selected variant
 * ({@link #warmUpRound}): they are Java, and a DolphinDB server has no JIT to warm.
 * <p>
 * Each variant copies the table {@code -Dbench.runs} times (default 5) in its JVM, each run into an
 * empty target. The first run is what a fresh process does (java -jar ... --once): the JIT compiles
 * the code as it runs, and for a few seconds' copy that weighs as much as the copy. "Warm" is the
 * fastest of the later runs, what the long-running application's scheduled runs do with the code
 * compiled (the fastest: the stand-ins' own garbage collection and file deletion disturb some runs
 * by up to 1.5 times). Both are printed, with the CPU seconds of the variant's JVM and of each
 * stand-in during the run.
 *
 * <pre>mvn -q -ntp test-compile exec:exec@java -Dexec.args="-cp %classpath io.ddbsync.sync.online.bench.OnlineSyncBenchmark \
 *      [rows=10000000] [bigRows=40000000, 0 skips] [parallel=4] [fetchSize=65536] [heap=2g]"</pre>
 *
 * Run it from the project directory (the online sync reads config/ and routes/ there).
 */
public final class OnlineSyncBenchmark {
    private static final int DAYS = 10;
    private static final int SEED_BLOCK = 100_000;

    /**
     * One run of a variant: time, rows, and CPU seconds during it of the variant's JVM and of each
     * stand-in (with two cores, their sum against twice the time says how busy the machine was).
     */
    private record Run(long rows, double seconds, double runnerCpu, String serverCpu) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        String cpu() {
            return String.format(Locale.ROOT, "%.1f+%s", runnerCpu, serverCpu.replace(",", "+"));
        }
    }

    /** A variant's runs (the first in a fresh JVM, the later ones after it), and its JVM's heap figures over all of them. */
    private record Result(String label, String variant, List<Run> runs, long peakHeapMb, long peakLiveMb, String failure) {
        static Result failed(String label, String variant, long peakHeapMb, String failure) {
            return new Result(label, variant, List.of(), peakHeapMb, 0, failure);
        }

        Run first() {
            return runs.get(0);
        }

        /** The fastest run after the first (the first when there is no other): the least disturbed of the warm ones. */
        Run warm() {
            return runs.stream().skip(runs.size() > 1 ? 1 : 0).min(java.util.Comparator.comparingDouble(Run::seconds)).orElseThrow();
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        long bigRows = args.length > 1 ? Long.parseLong(args[1]) : 40_000_000L;
        int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int fetchSize = args.length > 3 ? Integer.parseInt(args[3]) : 65_536;
        String heap = args.length > 4 ? args[4] : "2g";
        Path work = Files.createTempDirectory("online-bench-");
        boolean failed = false;
        System.out.printf(Locale.ROOT, "online sync benchmark: %,d rows (and %,d) over %d daily partitions, parallel %d, fetchSize %d, runner heap %s (%s), %d cores%n",
                rows, bigRows, DAYS, parallel, fetchSize, heap, runnerOptions(), Runtime.getRuntime().availableProcessors());
        try (StandInProcess src = StandInProcess.start(work.resolve("src"), 0, serverOptions());
             StandInProcess dst = StandInProcess.start(work.resolve("dst"), 0, serverOptions())) {
            // stopped with Ctrl-C or kill: the servers go too
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                src.process().destroyForcibly();
                dst.process().destroyForcibly();
            }));
            seed(src.port(), "dfs://bench_small", rows);
            if (bigRows > 0) seed(src.port(), "dfs://bench_big", bigRows);
            warmUp(src.port());
            warmUp(dst.port());

            // -Dbench.variants=a,b,c,... runs some of them only
            Set<String> only = new HashSet<>(List.of(System.getProperty("bench.variants", "a,b,b-checksum,b-copy,c,b-big,c-big,a-big,b-256m,b-copy-256m,b-big-256m,a-256m,min-heap,a-link,b-link,b-copy-link,c-link,a-near,b-near,c-near").split(",")));
            warmUpRound(src, dst, only, parallel, fetchSize, heap, work);
            Map<String, Result> results = new LinkedHashMap<>();
            String small = "dfs://bench_small";
            String big = "dfs://bench_big";
            String m = millions(bigRows);
            if (only.contains("a")) results.put("a", run("(a) example 7: one select, one append", "a", heap, src, dst, small, rows, parallel, fetchSize, work));
            if (only.contains("b")) results.put("b", run("(b) online sync (real routes, verified by read-back)", "b", heap, src, dst, small, rows, parallel, fetchSize, work));
            if (only.contains("b-checksum")) {
                results.put("b-checksum", run("(b) online sync, verifyBy=checksum (server-side)", "b-checksum", heap, src, dst, small, rows, parallel,
                        fetchSize, work));
            }
            if (only.contains("b-copy")) {
                results.put("b-copy", run("(b) online sync, verify=false (copy alone)", "b-copy", heap, src, dst, small, rows, parallel, fetchSize, work));
            }
            if (only.contains("c")) results.put("c", run("(c) raw pipelined Java API (ceiling)", "c", heap, src, dst, small, rows, parallel, fetchSize, work));
            if (bigRows > 0 && only.contains("b-big")) {
                results.put("b-big", run("(b) online sync, " + m + " rows", "b", heap, src, dst, big, bigRows, parallel, fetchSize, work));
            }
            // the same three ways at four times the size, where a fresh JVM's first seconds weigh less ((a) needs a larger heap)
            if (bigRows > 0 && only.contains("a-big")) {
                results.put("a-big", run("(a) example 7, " + m + " rows, -Xmx6g", "a", "6g", src, dst, big, bigRows, parallel, fetchSize, work));
            }
            if (bigRows > 0 && only.contains("c-big")) {
                results.put("c-big", run("(c) raw pipelined Java API, " + m + " rows", "c", heap, src, dst, big, bigRows, parallel, fetchSize, work));
            }
            if (only.contains("b-256m")) results.put("b-256m", run("(b) online sync, -Xmx256m", "b", "256m", src, dst, small, rows, parallel, fetchSize, work));
            if (only.contains("b-copy-256m")) {
                results.put("b-copy-256m", run("(b) online sync, verify=false, -Xmx256m", "b-copy", "256m", src, dst, small, rows, parallel, fetchSize, work));
            }
            if (bigRows > 0 && only.contains("b-big-256m")) {
                results.put("b-big-256m", run("(b) online sync, " + m + " rows, -Xmx256m", "b", "256m", src, dst, big, bigRows,
                        parallel, fetchSize, work));
            }
            if (only.contains("a-256m")) results.put("a-256m", run("(a) example 7, -Xmx256m", "a", "256m", src, dst, small, rows, parallel, fetchSize, work));

            // the smallest heap each size runs in: peak figures follow the collector's sizing, this does not
            Map<String, String> minimum = new LinkedHashMap<>();
            if (only.contains("min-heap")) {
                minimum.put("(b) online sync, " + millions(rows) + " rows",
                        smallestHeap("b", src, dst, small, rows, parallel, fetchSize, work, List.of(64, 96, 128, 192, 256)));
                if (bigRows > 0) {
                    minimum.put("(b) online sync, " + millions(bigRows) + " rows",
                            smallestHeap("b", src, dst, big, bigRows, parallel, fetchSize, work, List.of(64, 96, 128, 192, 256)));
                }
                minimum.put("(a) example 7, " + millions(rows) + " rows", smallestHeap("a", src, dst, small, rows, parallel, fetchSize, work,
                        List.of(256, 384, 512, 640, 768, 1024)));
            }

            // the same ways again over network links (NetworkLink): a link to each cluster (the runner between them), and a link
            // to the source only (the runner next to the target, as docs/deployment.md advises)
            String link = System.getProperty("bench.link", "125,1");
            if (!link.isBlank()) {
                for (String topology : List.of("link", "near")) {
                    if (only.stream().noneMatch(v -> v.endsWith("-" + topology))) continue;
                    System.out.println(topology.equals("link") ? "over a link to each cluster: " + NetworkLink.describe(link)
                            : "over a link to the source, the runner next to the target: " + NetworkLink.describe(link));
                    try (NetworkLink srcLink = NetworkLink.parse(link, src.port());
                         NetworkLink dstLink = topology.equals("link") ? NetworkLink.parse(link, dst.port()) : null) {
                        String where = topology.equals("link") ? "over links to both" : "runner next to the target";
                        for (String v : List.of("a", "b", "b-copy", "c")) {
                            if (!only.contains(v + "-" + topology)) continue;
                            String label = switch (v) {
                                case "a" -> "(a) example 7, " + where;
                                case "b" -> "(b) online sync, verified, " + where;
                                case "b-copy" -> "(b) online sync, verify=false, " + where;
                                default -> "(c) raw pipelined Java API, " + where;
                            };
                            results.put(v + "-" + topology, run(label, v, heap, src, dst, srcLink, dstLink, small, rows, parallel, fetchSize, work,
                                    Integer.getInteger("bench.runs", 5), true));
                        }
                    }
                }
            }

            System.out.println();
            System.out.printf(Locale.ROOT, "%-58s %12s %10s %12s %10s %12s %10s %10s  %s%n", "variant", "rows", "1st run", "rows/s", "warm", "rows/s",
                    "peak heap", "peak live", "CPU s of the warm run: runner+source+target");
            for (Result r : results.values()) {
                if (r.failure() != null) {
                    System.out.printf(Locale.ROOT, "%-58s %12s %10s %12s %10s %12s %7d MB %10s  FAILED: %s%n", r.label(), "-", "-", "-", "-", "-", r.peakHeapMb(), "-",
                            r.failure());
                } else {
                    System.out.printf(Locale.ROOT, "%-58s %,12d %8.2f s %,12.0f %8.2f s %,12.0f %7d MB %7d MB  %s%n", r.label(), r.first().rows(), r.first().seconds(),
                            r.first().rowsPerSecond(), r.warm().seconds(), r.warm().rowsPerSecond(), r.peakHeapMb(), r.peakLiveMb(), r.warm().cpu());
                }
            }
            Result a = results.get("a");
            Result b = results.get("b");
            Result c = results.get("c");
            System.out.println();
            System.out.println("throughput ratios, first run in a fresh JVM (JIT compiling as it goes) / warm (the fastest later run in the same JVM, as the app's scheduled runs):");
            ratio("(b)/(c)", b, c, "target >= 0.80");
            ratio("(b, verify=false)/(c)", results.get("b-copy"), c, null);
            ratio("(b, verifyBy=checksum)/(c)", results.get("b-checksum"), c, null);
            ratio("(b)/(a)", b, a, "target > 1");
            Result bigRun = results.get("b-big");
            Result bigCeiling = results.get("c-big");
            Result bigExample = results.get("a-big");
            ratio("(b)/(c) at " + millions(bigRows) + " rows", bigRun, bigCeiling, null);
            ratio("(b)/(a) at " + millions(bigRows) + " rows", bigRun, bigExample, null);
            ratio("(b)/(c) over links to both", results.get("b-link"), results.get("c-link"), "target >= 0.80");
            ratio("(b, verify=false)/(c) over links to both", results.get("b-copy-link"), results.get("c-link"), null);
            ratio("(b)/(a) over links to both", results.get("b-link"), results.get("a-link"), "target > 1");
            ratio("(b)/(c), runner next to the target", results.get("b-near"), results.get("c-near"), "target >= 0.80");
            ratio("(b, verify=false)/(c), runner next to target", results.get("b-copy-near"), results.get("c-near"), null);
            ratio("(b)/(a), runner next to the target", results.get("b-near"), results.get("a-near"), "target > 1");
            if (ok(b) && ok(bigRun)) {
                System.out.printf(Locale.ROOT, "(b) peak heap at %s rows / at %s rows = %d MB / %d MB (peak live %d MB / %d MB; target: no larger)%n",
                        millions(bigRows), millions(rows), bigRun.peakHeapMb(), b.peakHeapMb(), bigRun.peakLiveMb(), b.peakLiveMb());
            }
            Result small256 = results.get("b-256m");
            Result big256 = results.get("b-big-256m");
            if (ok(small256) && ok(big256)) {
                System.out.printf(Locale.ROOT, "(b, -Xmx256m) peak heap at %s rows / at %s rows = %d MB / %d MB (peak live %d MB / %d MB)%n",
                        millions(bigRows), millions(rows), big256.peakHeapMb(), small256.peakHeapMb(), big256.peakLiveMb(), small256.peakLiveMb());
            }
            minimum.forEach((what, heapSize) -> System.out.printf(Locale.ROOT, "smallest heap that runs %s: %s%n", what, heapSize));
            Result b256 = results.get("b-256m");
            Result a256 = results.get("a-256m");
            if (b256 != null && a256 != null) {
                System.out.printf(Locale.ROOT, "-Xmx256m: (b) %s, (a) %s%n", ok(b256) ? "completed" : "FAILED: " + b256.failure(),
                        ok(a256) ? "completed" : "failed: " + a256.failure());
            }
            // figures never fail it; a variant that broke does (example 7 in 256 MB is expected to)
            List<String> broken = results.entrySet().stream().filter(e -> !e.getKey().equals("a-256m") && e.getValue().failure() != null)
                    .map(Map.Entry::getKey).toList();
            if (!broken.isEmpty()) {
                System.out.println("variants that did not complete: " + broken);
                failed = true;
            }
        } finally {
            // the two servers' data: gigabytes at the default sizes
            io.ddbsync.standin.dfs.Storage.deleteTree(work);
        }
        if (failed) System.exit(1);
    }

    /** The first of the heap sizes (MB, ascending) the variant completes in. */
    private static String smallestHeap(String variant, StandInProcess src, StandInProcess dst, String srcDb, long rows, int parallel, int fetchSize,
                                       Path work, List<Integer> sizesMb) throws Exception {
        for (int mb : sizesMb) {
            // one run: the heap a run needs does not change with the JIT's progress
            Result r = run("  try " + variant + " " + millions(rows) + " rows in " + mb + " MB", variant, mb + "m", src, dst, srcDb, rows, parallel,
                    fetchSize, work, 1);
            if (ok(r)) return mb + " MB";
        }
        return "more than " + sizesMb.get(sizesMb.size() - 1) + " MB";
    }

    /** x/y throughput of the first runs and of the warm runs. */
    private static void ratio(String what, Result x, Result y, String target) {
        if (!ok(x) || !ok(y)) return;
        System.out.printf(Locale.ROOT, "  %-46s %.2f / %.2f%s%n", what, x.first().rowsPerSecond() / y.first().rowsPerSecond(),
                x.warm().rowsPerSecond() / y.warm().rowsPerSecond(), target == null ? "" : "  (" + target + ")");
    }

    private static boolean ok(Result r) {
        return r != null && r.failure() == null;
    }

    private static String millions(long rows) {
        return rows % 1_000_000 == 0 ? rows / 1_000_000 + "M" : String.format(Locale.ROOT, "%,d", rows);
    }

    /**
     * JVM options of every variant's JVM, (a), (b) and (c) alike: G1 regions of 4 MB, so that the
     * Java API's column arrays of a 65,536-row block are ordinary objects, not humongous ones
     * (HumongousBlocks; with the 1 MB regions G1 picks for a 2 GB heap they are, which cost (b)
     * about a quarter of its CPU and (c), which decodes half as many blocks, little).
     */
    private static String runnerOptions() {
        return System.getProperty("bench.childOptions", "-XX:G1HeapRegionSize=4m").trim();
    }

    /** The stand-ins' JVM options: -Dbench.serverOptions="-Xmx8g ..." (a profiler, for instance); -Dbench.serverHeap is the older name. */
    private static String[] serverOptions() {
        String options = System.getProperty("bench.serverOptions", System.getProperty("bench.serverHeap", "-Xmx8g"));
        return options.trim().split("\\s+");
    }

    /**
     * The stand-ins are Java: the first time a server writes or reads a table its code runs before
     * the JIT compiled it, which a DolphinDB server (C++) never does, and whichever variant came
     * first would pay for it. Each server writes and reads a scratch table of 2 million rows, in
     * blocks and partition by partition as the variants do, before anything is measured.
     */
    private static void warmUp(int port) throws IOException {
        String db = "dfs://warm_up";
        DBConnection c = connect(port);
        long t0 = System.nanoTime();
        c.run(TickData.createScript(db, "mt", DAYS));
        long rows = 2_000_000;
        for (long start = 0; start < rows; start += 65_536) {
            c.run("tableInsert{loadTable('" + db + "', 'mt')}", List.<Entity>of(TickData.block((int) start, (int) Math.min(65_536, rows - start), (int) rows, DAYS)));
        }
        for (int d = 1; d <= DAYS; d++) {
            String day = String.format(Locale.ROOT, "2024.01.%02d", d);
            com.xxdb.io.ProgressListener none = null;
            com.xxdb.data.EntityBlockReader blocks = (com.xxdb.data.EntityBlockReader) c.run(
                    "select * from loadTable('" + db + "', 'mt') where partition(Timestamp, " + day + ")", none, 4, 64, 65_536);
            while (blocks.hasNext()) blocks.read();
        }
        c.run("dropDatabase('" + db + "')");
        c.close();
        System.out.printf(Locale.ROOT, "warmed up the stand-in on port %d (2M rows written and read) in %.1f s%n", port, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Every request a variant makes, served by both stand-ins until their JIT compiled the code for it,
     * before anything is measured. A stand-in's per-request code (its script parser and interpreter,
     * the metadata functions, the query planner) runs a few hundred times per copy, so C2 reaches it
     * only after tens of copies: without this round the stand-ins compiled all through the first
     * variants measured (up to half a CPU second per run, in the target, during the online sync's
     * warm runs) and not during the last, which favoured whichever came last. A DolphinDB server
     * (C++) has no JIT to warm. Each variant family selected copies a small table of the same shape
     * (-Dbench.warmUpRows, default 20,000 rows; -Dbench.warmUpRuns copies each, default 200, 0
     * skips), untimed; the runner JVMs of the measured variants are fresh all the same.
     */
    private static void warmUpRound(StandInProcess src, StandInProcess dst, Set<String> only, int parallel, int fetchSize, String heap, Path work)
            throws Exception {
        long warmRows = Long.getLong("bench.warmUpRows", 20_000);
        int warmRuns = Integer.getInteger("bench.warmUpRuns", 200);
        if (warmRuns <= 0 || warmRows <= 0) return;
        String db = "dfs://bench_warm_round";
        seed(src.port(), db, warmRows);
        long t0 = System.nanoTime();
        Set<String> families = new java.util.TreeSet<>();
        for (String v : only) {
            if (v.startsWith("a")) families.add("a");
            if (v.startsWith("b")) families.add(v.equals("b-checksum") ? "b-checksum" : "b");
            if (v.startsWith("c")) families.add("c");
            if (v.equals("min-heap")) families.addAll(List.of("a", "b"));
        }
        for (String v : families) {
            Result r = run("  warm-up round " + v, v, heap, src, dst, null, null, db, warmRows, parallel, fetchSize, work, warmRuns, false);
            if (r.failure() != null) throw new IllegalStateException("the warm-up round of variant " + v + " failed: " + r.failure());
        }
        DBConnection c = connect(src.port());
        c.run("dropDatabase('" + db + "')");
        c.close();
        System.out.printf(Locale.ROOT, "warm-up round: %s each copied %d times (%,d rows) in %.1f s, not measured%n", families, warmRuns, warmRows,
                (System.nanoTime() - t0) / 1e9);
    }

    /** The tutorial-like tick table (VALUE partitions by day on Timestamp), {@code rows} rows over ten days, written in blocks. */
    private static void seed(int port, String db, long rows) throws IOException {
        DBConnection c = connect(port);
        c.run(TickData.createScript(db, "mt", DAYS));
        long t0 = System.nanoTime();
        for (long start = 0; start < rows; start += SEED_BLOCK) {
            BasicTable block = TickData.block((int) start, (int) Math.min(SEED_BLOCK, rows - start), (int) rows, DAYS);
            c.run("tableInsert{loadTable('" + db + "', 'mt')}", List.<Entity>of(block));
        }
        System.out.printf(Locale.ROOT, "seeded %s with %,d rows in %.1f s%n", db, rows, (System.nanoTime() - t0) / 1e9);
        c.close();
    }

    private static Result run(String label, String variant, String heap, StandInProcess src, StandInProcess dst, String srcDb, long rows,
                              int parallel, int fetchSize, Path work) throws Exception {
        return run(label, variant, heap, src, dst, srcDb, rows, parallel, fetchSize, work, Integer.getInteger("bench.runs", 5));
    }

    private static Result run(String label, String variant, String heap, StandInProcess src, StandInProcess dst, String srcDb, long rows,
                              int parallel, int fetchSize, Path work, int runs) throws Exception {
        return run(label, variant, heap, src, dst, null, null, srcDb, rows, parallel, fetchSize, work, runs, true);
    }

    /**
     * Each variant starts with both stand-ins' heaps collected (jcmd GC.run): otherwise the garbage
     * one variant leaves in a stand-in ((a)'s 10 M-row append, say) is collected during the next
     * one and weighs on its times (in a full run without this, the target's CPU in (b)'s runs, right
     * after (a), was 1.5 to 2.0 s per run, against 0.9 to 1.4 s in runs of (b) and (c) alone).
     */
    private static void collectGarbage(StandInProcess... servers) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) return;
        for (StandInProcess server : servers) {
            new ProcessBuilder(jcmd.toString(), Long.toString(server.process().pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    /** srcLink, dstLink: the variant reaches the stand-ins through these links (null: directly). */
    private static Result run(String label, String variant, String heap, StandInProcess src, StandInProcess dst, NetworkLink srcLink,
                              NetworkLink dstLink, String srcDb, long rows, int parallel, int fetchSize, Path work, int runs, boolean print)
            throws Exception {
        collectGarbage(src, dst);
        int srcPort = srcLink == null ? src.port() : srcLink.port();
        int dstPort = dstLink == null ? dst.port() : dstLink.port();
        boolean verify = !variant.equals("b-copy");
        String verifyBy = variant.equals("b-checksum") ? "checksum" : "readback";
        if (variant.startsWith("b")) variant = "b";
        String dstDb = "dfs://out_" + variant + "_" + System.nanoTime() % 100_000;
        DBConnection target = connect(dst.port());
        // (a) and (c) append into a table like the source's; (b) creates its own target (ensureTable)
        if (!variant.equals("b")) target.run(TickData.createScript(dstDb, "mt", DAYS));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
        // every variant's JVM runs with the runner's recommended options (docs/deployment.md, "The runner's JVM");
        // -Dbench.childOptions="..." replaces them (a profiler, another collector)
        String extra = runnerOptions();
        if (!extra.isEmpty()) cmd.addAll(List.of(extra.split("\\s+")));
        cmd.add("-Dbench.runs=" + runs);
        // an OutOfMemoryError in a partition thread would leave the run waiting for that partition: end the JVM instead
        // (the tutorial's example 7 reports its own, thrown on the main thread)
        if (variant.equals("b")) cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Dbench.serverPids=" + src.process().pid() + "," + dst.process().pid());
        if (variant.equals("b")) cmd.add("-Dddbsync.config=" + configuration(work, srcPort, dstPort, srcDb, dstDb, parallel, fetchSize, verify, verifyBy));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarkVariant.class.getName(), variant, String.valueOf(srcPort),
                String.valueOf(dstPort), srcDb, dstDb, String.valueOf(DAYS), String.valueOf(parallel), String.valueOf(fetchSize)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) out.add(line);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        // a heap near its limit can make a JVM collect garbage for a long time instead of failing
        long timeout = Long.getLong("bench.timeoutSeconds", 900);
        if (!p.waitFor(timeout, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            out.add("FAILED variant=" + variant + " error=timeout after=" + timeout + "s");
        }
        reader.join();
        Result result = parse(label, variant, out);
        // the last run's target holds every row
        if (result.failure() == null) {
            long copied = ((Scalar) target.run("exec count(*) from loadTable('" + dstDb + "', 'mt')")).getNumber().longValue();
            if (copied != rows) result = Result.failed(label, variant, result.peakHeapMb(), dstDb + " has " + copied + " rows, expected " + rows);
        }
        target.run("if (existsDatabase('" + dstDb + "')) dropDatabase('" + dstDb + "')");
        target.close();
        StringBuilder line = new StringBuilder();
        if (result.failure() == null) {
            for (Run r : result.runs()) {
                line.append(String.format(Locale.ROOT, "%,d rows in %.2f s (CPU s runner+source+target %s); ", r.rows(), r.seconds(), r.cpu()));
            }
            line.append(String.format(Locale.ROOT, "peak heap %d MB (live %d MB)", result.peakHeapMb(), result.peakLiveMb()));
        } else {
            line.append("FAILED ").append(result.failure());
        }
        if (print || result.failure() != null) System.out.printf(Locale.ROOT, "%s: %s%n", label, line);
        if ((result.failure() != null && !variant.equals("a")) || Boolean.getBoolean("bench.verbose")) out.forEach(l -> System.out.println("    | " + l));
        return result;
    }

    private static Result parse(String label, String variant, List<String> out) {
        List<Run> runs = new ArrayList<>();
        long peakHeap = 0;
        long peakLive = 0;
        for (String line : out) {
            Map<String, String> f = fields(line);
            if (line.startsWith("RESULT ")) {
                runs.add(new Run(Long.parseLong(f.get("rows")), Double.parseDouble(f.get("seconds")), Double.parseDouble(f.get("cpuSeconds")),
                        f.get("serverCpuSeconds")));
                peakHeap = Long.parseLong(f.get("peakHeapMb"));
                peakLive = Long.parseLong(f.get("peakLiveMb"));
            }
            if (line.startsWith("FAILED ")) {
                return Result.failed(label, variant, Long.parseLong(f.getOrDefault("peakHeapMb", "0")), f.get("error") + " after " + f.get("after"));
            }
        }
        if (!runs.isEmpty()) return new Result(label, variant, runs, peakHeap, peakLive, null);
        String tail = out.isEmpty() ? "no output" : out.get(out.size() - 1);
        return Result.failed(label, variant, 0, "no result line; last output: " + tail);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) m.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return m;
    }

    /** The shipped configuration, its clusters pointed at the stand-ins and job db1-online at the benchmark's tables. */
    private static Path configuration(Path work, int srcPort, int dstPort, String srcDb, String dstDb, int parallel, int fetchSize, boolean verify,
                                      String verifyBy)
            throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("config/application.properties")));
        lines.addAll(List.of("",
                "dolphindb.clusters.source.sites = 127.0.0.1:" + srcPort,
                "dolphindb.clusters.source.password = 123456",
                "dolphindb.clusters.source.poolSize = " + (2 * parallel + 2),
                "dolphindb.clusters.target.sites = 127.0.0.1:" + dstPort,
                "dolphindb.clusters.target.password = 123456",
                "dolphindb.clusters.target.poolSize = " + (2 * parallel + 2),
                "ddbsync.stateDir = " + work.resolve("state-" + System.nanoTime()),
                "jobs.db1.database = " + srcDb,
                "jobs.db1.targetDatabase = " + dstDb,
                "jobs.db1.window = all",
                "jobs.db1.columns = ",
                "jobs.db1-online.parallel = " + parallel,
                "jobs.db1-online.fetchSize = " + fetchSize,
                "jobs.db1-online.verify = " + verify,
                "jobs.db1-online.verifyBy = " + verifyBy));
        Path file = work.resolve("bench-" + System.nanoTime() + ".properties");
        Files.write(file, lines);
        return file;
    }

    /** A connection to a stand-in on this machine, logged in as its default user. */
    static DBConnection connect(int port) throws IOException {
        DBConnection c = new DBConnection();
        if (!c.connect("127.0.0.1", port, "admin", "123456")) throw new IOException("cannot connect to 127.0.0.1:" + port);
        return c;
    }
}
