package io.ddbsync.camel;

import org.apache.camel.Exchange;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.SynchronizationAdapter;
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
        return listing(c, schema, where).takePartitions(schema);
    }

    /** The table's partitions with rows, or only those with rows matching where. */
    private static PartitionListing listing(PooledConnection c, TableSchema schema, String where) throws Exception {
        requirePartitioned(schema);
        PartitionListing all = TableMetadata.listing(c, schema);
        if (where == null) return all;
        PartitionFilters.Resolver resolver = new PartitionFilters.Resolver(schema);
        boolean[] touched = new boolean[all.size()];
        for (int i = 0; i < touched.length; i++) touched[i] = TableMetadata.count(c, schema, all.partition(i, resolver), where) > 0;
        return all.select(i -> touched[i]);
    }

    /**
     * Row count and checksum per partition: of the one named by the partition option, else of
     * those select() finds. Body: List of {@link PartitionStats}; with outputType streamList, an
     * Iterator of them, each made as it is read and the scans made window by window
     * ({@link #SCAN_BATCH_PARTITIONS} partitions ahead at most), closed when the exchange completes
     * (its connection given back). A partition the database does not know (a VALUE partition missing
     * on a target) has 0 rows.
     */
    void stats(CallOptions o) throws Exception {
        // only streamList changes what stats returns (an exchange of the online copy carries its blocks' outputType along)
        boolean stream = o.outputType() == DolphinDBOutputType.streamList;
        PooledConnection c = pool.borrow();
        PartitionStatsReader reader = null;
        try {
            TableSchema schema = o.schema(c);
            // with columns, the checksum covers only those (a column subset copied to a narrower target)
            List<String> columns = o.columns();
            TableSchema checked = columns.isEmpty() ? schema : schema.withColumns(columns);
            String path = o.partitionPath();
            requirePartitioned(schema);
            // the versions are read (listed) before any partition is scanned: see PartitionStatsReader
            PartitionListing listed;
            if (path == null) {
                listed = listing(c, schema, o.where());
            } else {
                PartitionListing around = TableMetadata.listing(c, schema, path);
                int i = around.indexOf(path);
                listed = around.select(k -> k == i);
            }
            reader = new PartitionStatsReader(c, checked, listed, cache(checked), stream ? SCAN_BATCH_PARTITIONS : Integer.MAX_VALUE);
            List<PartitionStats> absent = path != null && listed.size() == 0
                    // only partitions with rows are listed; one the table (or its database's scheme) lacks has 0 rows
                    ? List.of(new PartitionStats(path, filterOrNull(schema, path), 0, PartitionChecksum.combine(0, 0, 0))) : List.of();
            if (stream) {
                // like a streamed query: the connection is given back when the exchange is done, however it ends
                PartitionStatsReader streamed = reader;
                o.exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onDone(Exchange exchange) {
                        streamed.close();
                    }
                });
                o.exchange.getMessage().setBody(absent.isEmpty() ? reader : absent.iterator());
            } else {
                List<PartitionStats> out = new ArrayList<>(absent);
                reader.forEachRemaining(out::add);
                reader.close();
                o.exchange.getMessage().setBody(out);
            }
        } catch (Exception | Error e) {
            // the reader owns the connection once made (and may have given it back already)
            if (reader != null) reader.close();
            else c.close();
            throw e;
        }
    }

    /** The statsCache as the reader uses it, for the table over these columns; null without one. */
    private PartitionStatsReader.Cache cache(TableSchema checked) {
        if (statsCache == null) return null;
        String prefix = cacheKeyPrefix(checked);
        return new PartitionStatsReader.Cache() {
            @Override
            public String lookUp(String path) {
                return PartitionOperations.this.lookUp(prefix + escaped(path));
            }

            @Override
            public void remember(String path, PartitionStats stats) {
                PartitionOperations.this.remember(prefix + escaped(path), stats);
            }
        };
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
        return cacheKeyPrefix(schema) + escaped(path);
    }

    /** The key's part shared by the table's partitions. */
    private String cacheKeyPrefix(TableSchema schema) {
        // the checksum's formula too: stats remembered by an older formula are not compared with new ones
        StringBuilder k = new StringBuilder(PartitionChecksum.FORMULA).append('|').append(cluster).append('|')
                .append(schema.database()).append('/').append(schema.table()).append('|');
        for (TableSchema.Column col : schema.columns()) k.append(col.name()).append(' ').append(col.typeString()).append(',');
        return k.append('|').toString();
    }

    /** A VALUE partition's path is its value, which may hold the file's key=value separator or a line break. */
    private static String escaped(String path) {
        return path.replace("%", "%25").replace("=", "%3D").replace("\n", "%0A").replace("\r", "%0D");
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
