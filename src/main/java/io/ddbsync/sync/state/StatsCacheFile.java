package io.ddbsync.sync.state;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The dolphindb component's stats cache: a value a key (a partition's version, rows and checksum),
 * kept in a file sorted by the key's 128-bit hash ({@link SortedEntryFile}) and looked up in place
 * through a mapping of it, so that the runner's heap does not hold the cache (issue 18: two entries
 * a partition, for the runner's whole life, had been the most an offline run to a new target held
 * beyond its plan). Only the entries set since the file was last written are in the heap
 * ({@link KeyHashMap}, about 110 bytes each), at most an eighth of the file's (256 to 8,192): then,
 * and at stop, they are merged with the file's into a new file moved over it.
 * <ul>
 * <li>Crash-safe without fsync (the cache saves work, it proves nothing): the new file is written
 *     beside the old one and moved over it in one atomic rename; a runner killed loses at most its
 *     pending entries, which only costs their partitions a scan at the next run.</li>
 * <li>A file cut short, written over or damaged (its size, header or CRC-32C wrong) is not used at
 *     all, said at WARN, and replaced at the next write: every partition is scanned once, never
 *     given a checksum read from a damaged byte. So is a file of the earlier format ({@code key=value}
 *     lines).</li>
 * <li>One entry a key in the file, whatever the number of writes: the file is as large as its
 *     entries (20 bytes of index and the value, about 75 bytes an entry).</li>
 * </ul>
 * A key is known by the first 128 bits of its SHA-256 ({@link Hash128}); its text is not kept (a
 * key names the checksum's formula, the cluster, the table, every column checked with its type and
 * the partition: hundreds of characters). Two keys with the same 128 bits (a chance of 2^-128 a
 * pair) would give one partition the other's stats, which the component still takes only at the
 * version they were taken at.
 * <p>
 * One runner's: the component uses one instance per file, from any number of threads (the online
 * copy pool, the offline verification's). Gets do not wait for a merge: they read the pending
 * entries under their own lock and the file through the mapping, which a merge replaces at once.
 */
public class StatsCacheFile extends ServiceSupport implements StateRepository<String, String> {
    /**
     * Entries set since the file was written that the heap holds at most: an eighth of the file's,
     * so that a merge (which copies the file whole) costs a set a bounded number of copies however
     * large the file, but at least {@link #MIN_PENDING} (a small file is cheap to copy: one of 2,048
     * entries is about 200 KB) and at most {@link #MAX_PENDING} (about 0.9 MB of heap, for a cache of
     * 65,000 entries or more). The minimum is low so that a table of a few thousand partitions does
     * not hold a thousand entries in the heap at the peak of its offline verification (issue 18).
     */
    static final int MIN_PENDING = 256;
    static final int MAX_PENDING = 8192;
    private static final Logger LOG = LoggerFactory.getLogger(StatsCacheFile.class);

    private final Path file;
    /** Set since the file was written, each value as its UTF-8 bytes. Guarded by itself. */
    private final KeyHashMap pending = new KeyHashMap();
    /** The file as last written or read; replaced (never changed) by a merge. */
    private volatile SortedEntryFile written = SortedEntryFile.empty();

    public StatsCacheFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path getFile() {
        return file;
    }

    @Override
    public String getState(String key) {
        byte[] value = get(Hash128.of(key));
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private byte[] get(long[] hash) {
        byte[] value;
        synchronized (pending) {
            value = pending.get(hash);
        }
        // a merge publishes its file before it empties pending: an entry is always in one of them
        return value != null ? value : written.get(hash[0], hash[1]);
    }

    @Override
    public synchronized void setState(String key, String value) {
        byte[] stored = value.getBytes(StandardCharsets.UTF_8);
        long[] hash = Hash128.of(key);
        if (Arrays.equals(stored, get(hash))) return;
        int size;
        synchronized (pending) {
            pending.put(hash, stored);
            size = pending.size();
        }
        if (size >= Math.max(MIN_PENDING, Math.min(MAX_PENDING, written.size() / 8))) merge();
    }

    @Override
    protected synchronized void doStart() throws IOException {
        synchronized (pending) {
            pending.clear();
        }
        try {
            written = SortedEntryFile.open(file);
        } catch (SortedEntryFile.Damaged e) {
            LOG.warn("The stats cache {} is not used ({}): every partition is scanned again once, and the file is replaced", file, e.getMessage());
            written = SortedEntryFile.empty();
        }
    }

    @Override
    protected synchronized void doStop() {
        merge();
    }

    /**
     * The pending entries and the file's written to a new file moved over it. When that fails (a
     * full disk), the pending entries are dropped, so the heap stays bounded: their partitions are
     * scanned again next time.
     */
    private void merge() {
        Pending sorted;
        synchronized (pending) {
            if (pending.isEmpty()) return;
            sorted = new Pending(pending);
        }
        Path fresh = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            written.merge(sorted, fresh);
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written = SortedEntryFile.open(file);
        } catch (IOException | SortedEntryFile.Damaged e) {
            throw new RuntimeCamelException("Cannot write the stats cache " + file + ": " + e.getMessage(), e);
        } finally {
            synchronized (pending) {
                pending.clear();
            }
            try {
                Files.deleteIfExists(fresh);
            } catch (IOException e) {
                LOG.debug("Cannot delete {}: {}", fresh, e.getMessage());
            }
        }
    }

    /** The pending entries, sorted for a merge. */
    private static final class Pending implements SortedEntryFile.Entries {
        private final long[] highs;
        private final long[] lows;
        private final byte[][] values;

        Pending(KeyHashMap entries) {
            int n = entries.size();
            long[] h = new long[n];
            long[] l = new long[n];
            byte[][] v = new byte[n][];
            int[] next = {0};
            entries.forEach((high, low, value) -> {
                h[next[0]] = high;
                l[next[0]] = low;
                v[next[0]++] = value;
            });
            int[] order = IntStream.range(0, next[0]).boxed().sorted((a, b) -> SortedEntryFile.compare(h[a], l[a], h[b], l[b]))
                    .mapToInt(Integer::intValue).toArray();
            highs = new long[order.length];
            lows = new long[order.length];
            values = new byte[order.length][];
            for (int i = 0; i < order.length; i++) {
                highs[i] = h[order[i]];
                lows[i] = l[order[i]];
                values[i] = v[order[i]];
            }
        }

        @Override
        public int size() {
            return highs.length;
        }

        @Override
        public long high(int i) {
            return highs[i];
        }

        @Override
        public long low(int i) {
            return lows[i];
        }

        @Override
        public byte[] value(int i) {
            return values[i];
        }
    }
}
