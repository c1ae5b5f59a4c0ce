package io.ddbsync.camel;

import com.xxdb.data.BasicString;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import io.ddbsync.sync.*;

import java.util.ArrayList;
import java.util.List;

/** partitions and stats. */
final class PartitionOperations {
    private final ConnectionPool pool;

    PartitionOperations(ConnectionPool pool) {
        this.pool = pool;
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
            TableSchema schema = TableMetadata.schema(c, o.database(), o.table());
            // with columns, the checksum covers only those (a column subset copied to a narrower target)
            List<String> columns = o.columns();
            TableSchema checked = columns.isEmpty() ? schema : schema.withColumns(columns);
            String path = o.partitionPath();
            List<PartitionStats> out = new ArrayList<>();
            if (path != null) {
                requirePartitioned(schema);
                // only partitions with rows are queried; one the table (or its database's scheme) lacks has 0 rows
                Partition p = TableMetadata.partitions(c, schema).stream().filter(x -> x.getPath().equals(path)).findFirst().orElse(null);
                out.add(p == null ? new PartitionStats(path, filterOrNull(schema, path), 0, PartitionChecksum.combine(0, 0, 0)) : stats(c, checked, p));
            } else {
                for (Partition p : select(c, schema, o.where())) out.add(stats(c, checked, p));
            }
            o.exchange.getMessage().setBody(out);
        }
    }

    private static PartitionStats stats(PooledConnection c, TableSchema schema, Partition p) throws Exception {
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
