package io.ddbsync.camel;

import com.xxdb.data.BasicAnyVector;
import com.xxdb.data.BasicString;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import org.apache.camel.spi.StateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** partitions and stats. */
final class PartitionOperations {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionOperations.class);
    /**
     * Partitions and rows one stats call scans at most (a single larger partition goes alone): few
     * round trips for a table of many small partitions, while each call stays well within the
     * cluster's readTimeout.
     */
    static final int SCAN_BATCH_PARTITIONS = 1000;
    static final long SCAN_BATCH_ROWS = 2_000_000;
    private final ConnectionPool pool;
    /** The cache failed once (said at WARN); later failures only at DEBUG. */
    private final AtomicBoolean cacheFailureSaid = new AtomicBoolean();
    private final String cluster;
    /** Row count and checksum by partition version (the component's statsCache); null: every stats call scans. */
    private final StateRepository<String, String> statsCache;

    PartitionOperations(ConnectionPool pool, String cluster, StateRepository<String, String> statsCache) {
        this.pool = pool;
        this.cluster = cluster;
        this.statsCache = statsCache;
    }

    /**
     * The table's partitions with rows, or only those with rows matching where; or, with the
     * partition option, only that one (none when it has no rows; where is not applied). Body:
     * List of {@link Partition}, each with its version.
     */
    void partitions(CallOptions o) throws Exception {
        try (PooledConnection c = pool.borrow()) {
            TableSchema schema = o.schema(c);
            String path = o.partitionPath();
            if (path == null) {
                o.exchange.getMessage().setBody(select(c, schema, o.where()));
            } else {
                requirePartitioned(schema);
                Partition p = TableMetadata.partition(c, schema, path);
                o.exchange.getMessage().setBody(p == null ? List.of() : List.of(p));
            }
        }
    }

    private static List<Partition> select(PooledConnection c, TableSchema schema, String where) throws Exception {
        requirePartitioned(schema);
        List<Partition> all = TableMetadata.partitions(c, schema);
        if (where == null) return all;
        List<Partition> touched = new ArrayList<>();
        for (Partition p : all) if (TableMetadata.count(c, schema, p, where) > 0) touched.add(p);
        return touched;
    }

    /**
     * Row count and checksum per partition: of the one named by the partition option, else of
     * those select() finds. Body: List of {@link PartitionStats}. A partition the database does not
     * know (a VALUE partition missing on a target) has 0 rows.
     */
    void stats(CallOptions o) throws Exception {
        try (PooledConnection c = pool.borrow()) {
            TableSchema schema = o.schema(c);
            // with columns, the checksum covers only those (a column subset copied to a narrower target)
            List<String> columns = o.columns();
            TableSchema checked = columns.isEmpty() ? schema : schema.withColumns(columns);
            String path = o.partitionPath();
            requirePartitioned(schema);
            // the versions are read before any partition is scanned: a write between this and a scan
            // makes the entry's version older than the data the scan saw (never newer), and the
            // partition's next version never finds that entry
            List<PartitionStats> out = new ArrayList<>();
            if (path != null) {
                // only partitions with rows are queried; one the table (or its database's scheme) lacks has 0 rows
                Partition p = TableMetadata.partition(c, schema, path);
                out.add(p == null ? new PartitionStats(path, filterOrNull(schema, path), 0, PartitionChecksum.combine(0, 0, 0))
                        : stats(c, checked, List.of(p)).get(0));
            } else {
                out.addAll(stats(c, checked, select(c, schema, o.where())));
            }
            o.exchange.getMessage().setBody(out);
        }
    }

    /**
     * Each partition's stats from the cache when they were taken at the version it has now, else
     * scanned (and remembered with that version, replacing what was remembered for the partition).
     * The scans go in batches, one call each ({@link #SCAN_BATCH_PARTITIONS}, {@link #SCAN_BATCH_ROWS}):
     * a table of thousands of partitions costs a few round trips, not one per partition.
     */
    private List<PartitionStats> stats(PooledConnection c, TableSchema schema, List<Partition> partitions) throws Exception {
        PartitionStats[] out = new PartitionStats[partitions.size()];
        String[] keys = new String[partitions.size()];
        List<Integer> toScan = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            Partition p = partitions.get(i);
            keys[i] = statsCache == null || p.version() == null ? null : cacheKey(schema, p.path());
            out[i] = keys[i] == null ? null : fromCache(lookUp(keys[i]), p.version(), p);
            if (out[i] == null) toScan.add(i);
        }
        int from = 0;
        while (from < toScan.size()) {
            int to = from;
            long rows = 0;
            // at least one partition a call; more while the batch stays within both limits
            do {
                rows += partitions.get(toScan.get(to)).rows();
                to++;
            } while (to < toScan.size() && to - from < SCAN_BATCH_PARTITIONS && rows + partitions.get(toScan.get(to)).rows() <= SCAN_BATCH_ROWS);
            List<Integer> batch = toScan.subList(from, to);
            List<PartitionStats> scanned = scan(c, schema, batch.stream().map(partitions::get).toList());
            for (int j = 0; j < batch.size(); j++) {
                int i = batch.get(j);
                out[i] = scanned.get(j);
                if (keys[i] != null) remember(keys[i], out[i]);
            }
            from = to;
        }
        return List.of(out);
    }

    /**
     * The cache only saves scans: when it fails (its file unwritable, the disk full), stats go on
     * without it, scanning, and say so once.
     */
    private String lookUp(String key) {
        try {
            return statsCache.getState(key);
        } catch (RuntimeException e) {
            cacheFailed(e);
            return null;
        }
    }

    private boolean remember(String key, PartitionStats stats) {
        try {
            statsCache.setState(key, stats.version() + " " + stats.rows() + " " + stats.checksum());
            return true;
        } catch (RuntimeException e) {
            cacheFailed(e);
            return false;
        }
    }

    private void cacheFailed(RuntimeException e) {
        if (cacheFailureSaid.compareAndSet(false, true)) {
            LOG.warn("The stats cache of cluster '{}' failed ({}): partitions are scanned without it", cluster, e.getMessage());
        } else {
            LOG.debug("The stats cache of cluster '{}' failed again: {}", cluster, e.getMessage());
        }
    }

    /**
     * Remembers the body's stats (a {@link PartitionStats} with its version) for that partition of
     * database/table over columns, as if stats had scanned it at that version: for stats known
     * without a scan, such as those of a partition just copied and verified row for row against a
     * source partition whose stats are known. Body after: whether it was remembered (false without
     * a statsCache or a version).
     */
    void rememberStats(CallOptions o) throws Exception {
        PartitionStats stats = o.exchange.getMessage().getMandatoryBody(PartitionStats.class);
        if (statsCache == null || stats.version() == null) {
            o.exchange.getMessage().setBody(false);
            return;
        }
        try (PooledConnection c = pool.borrow()) {
            TableSchema schema = o.schema(c);
            List<String> columns = o.columns();
            TableSchema checked = columns.isEmpty() ? schema : schema.withColumns(columns);
            o.exchange.getMessage().setBody(remember(cacheKey(checked, Names.partitionPath(stats.path())), stats));
        }
    }

    /**
     * What a partition's stats depend on besides its version: the cluster, the table, the columns
     * checked and their types (the checksum covers those), the partition. One entry per partition,
     * so the cache does not grow with the writes.
     */
    private String cacheKey(TableSchema schema, String path) {
        // the checksum's formula too: stats remembered by an older formula are not compared with new ones
        StringBuilder k = new StringBuilder(PartitionChecksum.FORMULA).append('|').append(cluster).append('|')
                .append(schema.database()).append('/').append(schema.table()).append('|');
        for (TableSchema.Column col : schema.columns()) k.append(col.name()).append(' ').append(col.typeString()).append(',');
        // a VALUE partition's path is its value, which may hold the file's key=value separator or a line break
        return k.append('|').append(path.replace("%", "%25").replace("=", "%3D").replace("\n", "%0A").replace("\r", "%0D")).toString();
    }

    /** The remembered stats when they were taken at this version; null when not (or not readable). */
    private static PartitionStats fromCache(String value, String version, Partition p) {
        if (value == null) return null;
        String[] versionRowsChecksum = value.trim().split(" ");
        if (versionRowsChecksum.length != 3 || !versionRowsChecksum[0].equals(version)) return null;
        try {
            return new PartitionStats(p.path(), p.filter(), Long.parseLong(versionRowsChecksum[1]), versionRowsChecksum[2], true, version);
        } catch (NumberFormatException e) {
            // not a value this class wrote: scan again
            return null;
        }
    }

    /** The partitions' row counts and checksums, read by the server in one call, in the partitions' order. */
    private static List<PartitionStats> scan(PooledConnection c, TableSchema schema, List<Partition> partitions) throws Exception {
        List<Entity> args = new ArrayList<>(List.of(new BasicString(schema.database()), new BasicString(schema.table())));
        for (int level = 0; level < schema.levels().size(); level++) {
            BasicAnyVector keys = new BasicAnyVector(partitions.size());
            for (int i = 0; i < partitions.size(); i++) keys.set(i, partitions.get(i).keys().get(level));
            args.add(keys);
        }
        BasicTable r = (BasicTable) c.call(PartitionChecksum.batchFunction(schema), args);
        if (r.rows() != partitions.size()) {
            throw new IllegalStateException(schema.database() + "/" + schema.table() + ": the server returned the checksums of " + r.rows()
                    + " partitions for " + partitions.size());
        }
        List<PartitionStats> out = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            Partition p = partitions.get(i);
            long rows = TableMetadata.number(r.getColumn("rows").get(i));
            long c1 = TableMetadata.number(r.getColumn("c1").get(i));
            long c2 = TableMetadata.number(r.getColumn("c2").get(i));
            out.add(new PartitionStats(p.path(), p.filter(), rows, PartitionChecksum.combine(rows, c1, c2), false, p.version()));
        }
        return out;
    }

    private static String filterOrNull(TableSchema schema, String path) {
        Partition p = PartitionFilters.find(schema, path, 0);
        return p == null ? null : p.filter();
    }

    private static void requirePartitioned(TableSchema schema) {
        if (!schema.isPartitioned()) {
            throw new IllegalArgumentException(schema.database() + "/" + schema.table() + " is a dimension table: it has no partitions");
        }
    }
}
