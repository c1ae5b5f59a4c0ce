package io.ddbsync.camel;

import com.xxdb.data.BasicAnyVector;
import com.xxdb.data.BasicString;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

/**
 * The stats of a listing's partitions, in its order, read window by window: each window's
 * partitions are taken from the stats cache when they were taken at the version the listing read
 * (before any scan: a write between the listing and a scan makes the entry's version older than the
 * data the scan saw, never newer), the others scanned in batches, one server call each
 * ({@link PartitionOperations#SCAN_BATCH_PARTITIONS}, {@link PartitionOperations#SCAN_BATCH_ROWS}),
 * and remembered. Each {@link PartitionStats} (with its filter) is made when it is read: a caller
 * that reads them one at a time holds one window's row counts and checksums, not the table's stats.
 * <p>
 * Holds its connection until every partition is read or it is closed; one thread's.
 */
final class PartitionStatsReader implements Iterator<PartitionStats>, AutoCloseable {
    /** Where the reader finds and keeps stats by partition version: the component's statsCache. */
    interface Cache {
        /** The stats remembered for this partition path ("version rows checksum"), or null. */
        String lookUp(String path);

        void remember(String path, PartitionStats stats);
    }

    private final Lease connection;
    private final TableSchema checked;
    /** Null once closed: a closed reader may be held a while (by its exchange's completions), its partitions not. */
    private PartitionListing listing;
    private final int size;
    private final PartitionFilters.Resolver resolver;
    /** Null: no cache. */
    private final Cache cache;
    private final int window;
    private final String table;
    private int next;
    private int windowStart;
    private int windowEnd;
    /** The window's row counts, by index in the window. */
    private long[] rows = new long[0];
    /** The window's scanned sums (c1 at 2k, c2 at 2k + 1), spelled as a checksum only when read: 16 bytes a partition, not a 72-byte text. */
    private long[] sums = new long[0];
    /** The window's checksums taken from the cache, as remembered; null where scanned. */
    private String[] remembered = new String[0];
    private boolean closed;

    /**
     * @param checked the table's schema over the columns the checksums cover (its levels are the table's)
     * @param window  partitions read ahead at most: the table's whole listing when the caller keeps every result anyway
     */
    PartitionStatsReader(Lease connection, TableSchema checked, PartitionListing listing, Cache cache, int window) {
        this.connection = connection;
        this.checked = checked;
        this.listing = listing;
        this.size = listing.size();
        this.resolver = new PartitionFilters.Resolver(checked);
        this.cache = cache;
        this.window = Math.max(1, window);
        this.table = checked.database() + "/" + checked.table();
        if (size == 0) close();
    }

    @Override
    public boolean hasNext() {
        return next < size;
    }

    @Override
    public PartitionStats next() {
        if (!hasNext()) throw new NoSuchElementException(table + ": no more partition stats");
        if (closed) throw new IllegalStateException(table + ": the partition stats were closed before they were all read");
        if (next == windowEnd) {
            try {
                read(next, (int) Math.min(size, (long) next + window));
            } catch (RuntimeException e) {
                close();
                throw e;
            } catch (Exception e) {
                close();
                throw new IllegalStateException(table + ": reading the partition stats failed: " + e.getMessage(), e);
            }
        }
        int i = next++;
        int k = i - windowStart;
        String path = listing.path(i);
        String checksum = remembered[k] != null ? remembered[k] : PartitionChecksum.combine(rows[k], sums[2 * k], sums[2 * k + 1]);
        PartitionStats out = new PartitionStats(path, resolver.of(path, listing.rows(i)).filter(), rows[k], checksum, remembered[k] != null,
                listing.version(i));
        if (next == size) close();
        return out;
    }

    /** The stats of partitions from to to: from the cache, else scanned. */
    private void read(int from, int to) throws Exception {
        windowStart = from;
        windowEnd = to;
        rows = new long[to - from];
        sums = new long[2 * (to - from)];
        remembered = new String[to - from];
        int[] toScan = IntStream.range(from, to).filter(i -> !fromCache(i)).toArray();
        int start = 0;
        while (start < toScan.length) {
            int end = start;
            long batchRows = 0;
            // at least one partition a call; more while the batch stays within both limits
            do {
                batchRows += listing.rows(toScan[end]);
                end++;
            } while (end < toScan.length && end - start < PartitionOperations.SCAN_BATCH_PARTITIONS
                    && batchRows + listing.rows(toScan[end]) <= PartitionOperations.SCAN_BATCH_ROWS);
            scan(Arrays.copyOfRange(toScan, start, end));
            start = end;
        }
    }

    /** Whether the cache had the partition's stats at the version listed (then kept for the window). */
    private boolean fromCache(int i) {
        if (cache == null) return false;
        String version = listing.version(i);
        if (version == null) return false;
        String value = cache.lookUp(listing.path(i));
        if (value == null) return false;
        String[] versionRowsChecksum = value.trim().split(" ");
        if (versionRowsChecksum.length != 3 || !versionRowsChecksum[0].equals(version)) return false;
        try {
            rows[i - windowStart] = Long.parseLong(versionRowsChecksum[1]);
        } catch (NumberFormatException e) {
            // not a value the component wrote: scan again
            return false;
        }
        remembered[i - windowStart] = versionRowsChecksum[2];
        return true;
    }

    /** The partitions' row counts and checksums, read by the server in one call, and remembered at the versions listed. */
    private void scan(int[] batch) throws Exception {
        List<Entity> args = new ArrayList<>(List.of(new BasicString(checked.database()), new BasicString(checked.table())));
        List<BasicAnyVector> keys = new ArrayList<>();
        for (int level = 0; level < checked.levels().size(); level++) keys.add(new BasicAnyVector(batch.length));
        for (int j = 0; j < batch.length; j++) {
            // each partition's keys, its Partition let go before the call
            List<Entity> partitionKeys = resolver.of(listing.path(batch[j]), 0).keys();
            for (int level = 0; level < keys.size(); level++) keys.get(level).set(j, partitionKeys.get(level));
        }
        args.addAll(keys);
        BasicTable r = (BasicTable) connection.call(PartitionChecksum.batchFunction(checked), args);
        if (r.rows() != batch.length) {
            throw new IllegalStateException(table + ": the server returned the checksums of " + r.rows() + " partitions for " + batch.length);
        }
        for (int j = 0; j < batch.length; j++) {
            int i = batch[j];
            int k = i - windowStart;
            rows[k] = TableMetadata.number(r.getColumn("rows").get(j));
            sums[2 * k] = TableMetadata.number(r.getColumn("c1").get(j));
            sums[2 * k + 1] = TableMetadata.number(r.getColumn("c2").get(j));
            String version = cache == null ? null : listing.version(i);
            if (version != null) {
                String path = listing.path(i);
                cache.remember(path, new PartitionStats(path, null, rows[k], PartitionChecksum.combine(rows[k], sums[2 * k], sums[2 * k + 1]), false, version));
            }
        }
    }

    /** Gives the connection back (at the last partition, or when the caller stops early). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        listing = null;
        rows = null;
        sums = null;
        remembered = null;
        connection.close();
    }
}
