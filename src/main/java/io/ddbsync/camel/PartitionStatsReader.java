package io.ddbsync.camel;

import com.xxdb.data.BasicAnyVector;
import com.xxdb.data.BasicString;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

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
    private long[] rows = new long[0];
    private String[] checksums = new String[0];
    private boolean[] remembered = new boolean[0];
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
        PartitionStats out = new PartitionStats(listing.path(i), resolver.of(listing.path(i), listing.rows(i)).filter(), rows[k], checksums[k],
                remembered[k], listing.version(i));
        if (next == size) close();
        return out;
    }

    /** The stats of partitions from to to: from the cache, else scanned. */
    private void read(int from, int to) throws Exception {
        windowStart = from;
        windowEnd = to;
        rows = new long[to - from];
        checksums = new String[to - from];
        remembered = new boolean[to - from];
        List<Integer> toScan = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!fromCache(i)) toScan.add(i);
        }
        int start = 0;
        while (start < toScan.size()) {
            int end = start;
            long batchRows = 0;
            // at least one partition a call; more while the batch stays within both limits
            do {
                batchRows += listing.rows(toScan.get(end));
                end++;
            } while (end < toScan.size() && end - start < PartitionOperations.SCAN_BATCH_PARTITIONS
                    && batchRows + listing.rows(toScan.get(end)) <= PartitionOperations.SCAN_BATCH_ROWS);
            scan(toScan.subList(start, end));
            start = end;
        }
    }

    /** Whether the cache had the partition's stats at the version listed (then kept for the window). */
    private boolean fromCache(int i) {
        String version = listing.version(i);
        if (cache == null || version == null) return false;
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
        checksums[i - windowStart] = versionRowsChecksum[2];
        remembered[i - windowStart] = true;
        return true;
    }

    /** The partitions' row counts and checksums, read by the server in one call, and remembered at the versions listed. */
    private void scan(List<Integer> batch) throws Exception {
        List<Entity> args = new ArrayList<>(List.of(new BasicString(checked.database()), new BasicString(checked.table())));
        List<BasicAnyVector> keys = new ArrayList<>();
        for (int level = 0; level < checked.levels().size(); level++) keys.add(new BasicAnyVector(batch.size()));
        for (int j = 0; j < batch.size(); j++) {
            // each partition's keys, its Partition let go before the call
            List<Entity> partitionKeys = resolver.of(listing.path(batch.get(j)), 0).keys();
            for (int level = 0; level < keys.size(); level++) keys.get(level).set(j, partitionKeys.get(level));
        }
        args.addAll(keys);
        BasicTable r = (BasicTable) connection.call(PartitionChecksum.batchFunction(checked), args);
        if (r.rows() != batch.size()) {
            throw new IllegalStateException(table + ": the server returned the checksums of " + r.rows() + " partitions for " + batch.size());
        }
        for (int j = 0; j < batch.size(); j++) {
            int i = batch.get(j);
            long n = TableMetadata.number(r.getColumn("rows").get(j));
            long c1 = TableMetadata.number(r.getColumn("c1").get(j));
            long c2 = TableMetadata.number(r.getColumn("c2").get(j));
            int k = i - windowStart;
            rows[k] = n;
            checksums[k] = PartitionChecksum.combine(n, c1, c2);
            if (cache != null && listing.version(i) != null) {
                cache.remember(listing.path(i), new PartitionStats(listing.path(i), null, n, checksums[k], false, listing.version(i)));
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
        checksums = null;
        remembered = null;
        connection.close();
    }
}
