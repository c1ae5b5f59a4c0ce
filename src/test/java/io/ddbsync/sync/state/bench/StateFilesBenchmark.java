package io.ddbsync.sync.state.bench;

import io.ddbsync.sync.state.LedgerFileRepository;
import io.ddbsync.sync.state.StateFiles;
import org.apache.camel.Service;
import org.apache.camel.spi.StateRepository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * Benchmark (not a test; it never fails on time): the runner's state files at many partitions. The
 * online sync's run ledger ({@link LedgerFileRepository}) and the dolphindb component's stats cache
 * ({@link StateFiles#statsCache}) are filled with keys shaped like the
 * ones a run writes (a ledger key per partition; a stats entry per partition and side), then read,
 * loaded again as a runner starting does, and emptied as a run's end empties the ledger. Prints each
 * step's time and the files' sizes. A step that runs past {@code limitSeconds} stops and says how
 * far it got.
 *
 * <pre>mvn -q -ntp test-compile exec:exec@java -Dexec.args="-cp %classpath io.ddbsync.sync.state.bench.StateFilesBenchmark [partitions=100000] [limitSeconds=120]"</pre>
 */
public final class StateFilesBenchmark {

    private StateFilesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long limitNanos = (args.length > 1 ? Long.parseLong(args[1]) : 120) * 1_000_000_000L;
        Path dir = Files.createTempDirectory("state-files-bench-");
        try {
            System.out.printf(Locale.ROOT, "state files at %,d partitions (%s)%n", partitions, dir);
            ledger(dir.resolve("online-ledger.txt"), partitions, limitNanos);
            statsCache(dir.resolve("stats-cache.bin"), partitions, limitNanos);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    /** A run's keys: job, table, partition and its version, as the online sync records a verified partition. */
    private static String ledgerKey(int i) {
        return String.format(Locale.ROOT, "bench-online|dfs://bench/t%02d->dfs://copy/t%02d|/%d|%d@%d/500/[%d]", i % 50, i % 50, i, 1000 + i, i % 7, 90_000 + i);
    }

    private static void ledger(Path file, int partitions, long limitNanos) throws Exception {
        LedgerFileRepository ledger = new LedgerFileRepository(file);
        ledger.start();
        step("ledger: add one key per partition", partitions, limitNanos, ledgerKeyAdded(ledger));
        size(file);
        step("ledger: contains, every key", partitions, limitNanos, i -> ledger.contains(ledgerKey(i)));
        ledger.stop();
        LedgerFileRepository again = new LedgerFileRepository(file);
        long t0 = System.nanoTime();
        again.start();
        print("ledger: load at start (a runner starting)", 1, System.nanoTime() - t0, 1);
        t0 = System.nanoTime();
        int removed = again.removeStartingWith("bench-online|");
        print("ledger: remove the job's keys at the run's end (removeStartingWith)", removed, System.nanoTime() - t0, removed);
        size(file);
        step("ledger: add again", partitions, limitNanos, ledgerKeyAdded(again));
        step("ledger: remove one key at a time", partitions, limitNanos, i -> again.remove(ledgerKey(i)));
        size(file);
        again.stop();
    }

    private static IntPredicate ledgerKeyAdded(LedgerFileRepository ledger) {
        return i -> ledger.add(ledgerKey(i));
    }

    /** An entry as PartitionOperations writes it: formula, cluster, table, columns, partition; version, rows, checksum. */
    private static String statsKey(int i, String cluster) {
        return String.format(Locale.ROOT, "crc32-text-1|%s|dfs://bench/t%02d|day DATE,sym SYMBOL,qty INT,price DOUBLE,|/2000%05d", cluster, i % 50, i);
    }

    private static String statsValue(int i) {
        return String.format(Locale.ROOT, "%d@%d/500/[%d] 500 %016x%016x", 1000 + i, i % 7, 90_000 + i, i * 31L, i * 17L);
    }

    private static void statsCache(Path file, int partitions, long limitNanos) throws Exception {
        StateRepository<String, String> cache = StateFiles.statsCache(file.toString());
        ((Service) cache).start();
        int entries = 2 * partitions;
        step("stats cache: set one entry per partition and side", entries, limitNanos,
                i -> set(cache, statsKey(i / 2, i % 2 == 0 ? "source" : "target"), statsValue(i / 2)));
        step("stats cache: get, every entry", entries, limitNanos, i -> cache.getState(statsKey(i / 2, i % 2 == 0 ? "source" : "target")) != null);
        step("stats cache: set again, each partition a new version", entries, limitNanos,
                i -> set(cache, statsKey(i / 2, i % 2 == 0 ? "source" : "target"), statsValue(i / 2 + 1)));
        ((Service) cache).stop();
        size(file);
        StateRepository<String, String> again = StateFiles.statsCache(file.toString());
        long t0 = System.nanoTime();
        ((Service) again).start();
        print("stats cache: load at start (a runner starting)", 1, System.nanoTime() - t0, 1);
        int found = 0;
        for (int i = 0; i < partitions; i++) if (statsValue(i + 1).equals(again.getState(statsKey(i, "source")))) found++;
        System.out.printf(Locale.ROOT, "  %,d of %,d source entries read back with their latest value%n", found, partitions);
        ((Service) again).stop();
    }

    private static boolean set(StateRepository<String, String> cache, String key, String value) {
        cache.setState(key, value);
        return true;
    }

    /** Runs op for 0..n-1 until done or past the limit; prints the time and the rate. */
    private static void step(String what, int n, long limitNanos, IntPredicate op) {
        long t0 = System.nanoTime();
        int done = 0;
        while (done < n) {
            op.test(done++);
            if ((done & 255) == 0 && System.nanoTime() - t0 > limitNanos) break;
        }
        print(what, done, System.nanoTime() - t0, n);
    }

    private static void print(String what, int done, long nanos, int of) {
        System.out.printf(Locale.ROOT, "%-72s %,9d%s in %8.2f s  %8.1f us each%n", what, done, done < of ? String.format(Locale.ROOT, " of %,d (stopped at the limit)", of) : "",
                nanos / 1e9, nanos / 1e3 / Math.max(1, done));
    }

    private static void size(Path file) throws Exception {
        System.out.printf(Locale.ROOT, "  %s: %,d bytes%n", file.getFileName(), Files.size(file));
    }
}
