package io.ddbsync.camel;

import com.xxdb.data.BasicString;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import io.ddbsync.sync.*;
import org.apache.camel.spi.StateRepository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** partitions and stats. */
final class PartitionOperations {
    private final ConnectionPool pool;
    private final String cluster;
    /** Row count and checksum by partition version (the component's statsCache); null: every stats call scans. */
    private final StateRepository<String, String> statsCache;

    PartitionOperations(ConnectionPool pool, String cluster, StateRepository<String, String> statsCache) {
        this.pool = pool;
        this.cluster = cluster;
        this.statsCache = statsCache;
    }

    /** The table's partitions with rows, or only those with rows matching where; body: List of {@link Partition}. */
    void partitions(CallOptions o) throws Exception {
        try (PooledConnection c = pool.borrow()) {
            TableSchema schema = TableMetadata.schema(c, o.database(), o.table());
            o.exchange.getMessage().setBody(select(c, schema, o.where()));
        }
    }

    private static List<Partition> select(PooledConnection c, TableSchema schema, String where) throws Exception {
        requirePartitioned(schema);
        return select(c, schema, TableMetadata.partitions(c, schema), where);
    }

    private static List<Partition> select(PooledConnection c, TableSchema schema, List<Partition> all, String where) throws Exception {
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
            TableSchema schema = TableMetadata.schema(c, o.database(), o.table());
            // with columns, the checksum covers only those (a column subset copied to a narrower target)
            List<String> columns = o.columns();
            TableSchema checked = columns.isEmpty() ? schema : schema.withColumns(columns);
            String path = o.partitionPath();
            requirePartitioned(schema);
            // the versions are read before any partition is scanned: a write between this and a scan
            // makes the entry's version older than the data the scan saw (never newer), and the
            // partition's next version never finds that entry
            Map<String, String> versions = new HashMap<>();
            List<Partition> all = new ArrayList<>();
            for (TableMetadata.Tablet t : TableMetadata.tablets(c, schema)) {
                versions.put(t.path(), t.version());
                all.add(PartitionFilters.of(schema, t.path(), t.rows()));
            }
            List<PartitionStats> out = new ArrayList<>();
            if (path != null) {
                // only partitions with rows are queried; one the table (or its database's scheme) lacks has 0 rows
                Partition p = all.stream().filter(x -> x.getPath().equals(path)).findFirst().orElse(null);
                out.add(p == null ? new PartitionStats(path, filterOrNull(schema, path), 0, PartitionChecksum.combine(0, 0, 0))
                        : stats(c, checked, p, versions.get(p.getPath())));
            } else {
                for (Partition p : select(c, schema, all, o.where())) out.add(stats(c, checked, p, versions.get(p.getPath())));
            }
            o.exchange.getMessage().setBody(out);
        }
    }

    /**
     * The partition's stats from the cache when they were taken at the version it has now, else
     * scanned (and remembered with that version, replacing what was remembered for the partition).
     */
    private PartitionStats stats(PooledConnection c, TableSchema schema, Partition p, String version) throws Exception {
        String key = statsCache == null || version == null ? null : cacheKey(schema, p.getPath());
        if (key != null) {
            PartitionStats remembered = fromCache(statsCache.getState(key), version, p);
            if (remembered != null) return remembered;
        }
        PartitionStats scanned = scan(c, schema, p);
        if (key != null) statsCache.setState(key, version + " " + scanned.getRows() + " " + scanned.getChecksum());
        return scanned;
    }

    /**
     * What a partition's stats depend on besides its version: the cluster, the table, the columns
     * checked and their types (the checksum covers those), the partition. One entry per partition,
     * so the cache does not grow with the writes.
     */
    private String cacheKey(TableSchema schema, String path) {
        // the checksum's formula too: stats remembered by an older formula are not compared with new ones
        StringBuilder k = new StringBuilder(PartitionChecksum.FORMULA).append('|').append(cluster).append('|')
                .append(schema.getDatabase()).append('/').append(schema.getTable()).append('|');
        for (TableSchema.Column col : schema.getColumns()) k.append(col.name()).append(' ').append(col.typeString()).append(',');
        // a VALUE partition's path is its value, which may hold the file's key=value separator or a line break
        return k.append('|').append(path.replace("%", "%25").replace("=", "%3D").replace("\n", "%0A").replace("\r", "%0D")).toString();
    }

    /** The remembered stats when they were taken at this version; null when not (or not readable). */
    private static PartitionStats fromCache(String value, String version, Partition p) {
        if (value == null) return null;
        String[] versionRowsChecksum = value.trim().split(" ");
        if (versionRowsChecksum.length != 3 || !versionRowsChecksum[0].equals(version)) return null;
        try {
            return new PartitionStats(p.getPath(), p.getFilter(), Long.parseLong(versionRowsChecksum[1]), versionRowsChecksum[2], true);
        } catch (NumberFormatException e) {
            // not a value this class wrote: scan again
            return null;
        }
    }

    private static PartitionStats scan(PooledConnection c, TableSchema schema, Partition p) throws Exception {
        List<Entity> args = new ArrayList<>(List.of(new BasicString(schema.getDatabase()), new BasicString(schema.getTable())));
        args.addAll(p.getKeys());
        BasicTable r = (BasicTable) c.call(PartitionChecksum.function(schema), args);
        long rows = TableMetadata.number(r.getColumn("rows").get(0));
        long c1 = TableMetadata.number(r.getColumn("c1").get(0));
        long c2 = TableMetadata.number(r.getColumn("c2").get(0));
        return new PartitionStats(p.getPath(), p.getFilter(), rows, PartitionChecksum.combine(rows, c1, c2));
    }

    private static String filterOrNull(TableSchema schema, String path) {
        Partition p = PartitionFilters.find(schema, path, 0);
        return p == null ? null : p.getFilter();
    }

    private static void requirePartitioned(TableSchema schema) {
        if (!schema.isPartitioned()) {
            throw new IllegalArgumentException(schema.getDatabase() + "/" + schema.getTable() + " is a dimension table: it has no partitions");
        }
    }
}
