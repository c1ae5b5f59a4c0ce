package io.ddbsync.camel;

import com.xxdb.data.BasicAnyVector;
import com.xxdb.data.BasicString;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;
import io.ddbsync.camel.wire.WireTable;

import java.util.List;

/** append and clearPartition. Both leave the body as it was and report rows in CamelDolphinDBRowCount. */
final class WriteOperations {
    private final ConnectionPool pool;

    WriteOperations(ConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * Checks the body against the table's schema, then writes it with tableInsert in one call. A
     * block in wire form whose columns are the table's goes as the bytes it came in.
     */
    void append(CallOptions o) throws Exception {
        Object body = o.exchange.getMessage().getBody();
        // a block in wire form goes over a connection that writes it as the bytes it came in (not over TLS, not compressed)
        boolean wire = body instanceof WireTable && !pool.cluster().isCompress() && !pool.cluster().isSsl();
        try (Lease c = wire ? pool.borrowWire() : pool.borrow()) {
            TableSchema schema = o.schema(c);
            Entity data = wire && AppendData.fitsAsIs((WireTable) body, schema) ? (WireTable) body : table(body, schema);
            long written = 0;
            String path = o.withVersion() ? o.partitionPath() : null;
            o.exchange.getMessage().removeHeader(DolphinDBConstants.PARTITION_VERSION);
            if (data.rows() > 0 && path != null) {
                // the partition's version read in the same call, once the rows are in: no round trip of its own. tableInsert is
                // DolphinDB's synchronous write (a DFS write is a transaction, committed when it returns), so the listing after it
                // sees the version with these rows (docs.dolphindb.cn, C++ API "tableInsert / insert into"; "Updating Data in a DFS Table")
                BasicAnyVector r = (BasicAnyVector) c.call("def(dbUrl, tb, data, pattern) { n = tableInsert(loadTable(dbUrl, tb), data);"
                        + " return (n, " + TableMetadata.LISTING + ") }",
                        List.of(new BasicString(schema.database()), new BasicString(schema.table()), data, TableMetadata.partitionPattern(schema, path)));
                written = TableMetadata.number(r.get(0));
                Partition p = TableMetadata.partitionIn(TableMetadata.parse((BasicTable) r.get(1), schema), path);
                if (p != null && p.version() != null) o.exchange.getMessage().setHeader(DolphinDBConstants.PARTITION_VERSION, p.version());
            } else if (data.rows() > 0) {
                Entity r = c.call("def(dbUrl, tb, data) { return tableInsert(loadTable(dbUrl, tb), data) }",
                        List.of(new BasicString(schema.database()), new BasicString(schema.table()), data));
                written = TableMetadata.number(r);
            }
            o.exchange.getMessage().setHeader(DolphinDBConstants.ROW_COUNT, written);
        }
    }

    /**
     * The body as a BasicTable that fits the target table. A block in wire form that cannot go as
     * it is (its columns in another order, or a cluster that takes compressed tables) is decoded.
     */
    private BasicTable table(Object body, TableSchema schema) throws java.io.IOException {
        BasicTable data = AppendData.toTable(body instanceof WireTable w ? w.toBasicTable() : body, schema);
        if (pool.cluster().isCompress() && data.rows() > 0) data.setColumnCompressTypes(compressTypes(data));
        return data;
    }

    /**
     * For a cluster that takes compressed tables: delta-of-delta for integral and temporal columns
     * (sequential times and ids shrink to a few bits a value), LZ4 for the rest. The API sends
     * SYMBOL columns as they are whatever is set.
     */
    private static int[] compressTypes(BasicTable data) {
        int[] types = new int[data.columns()];
        for (int i = 0; i < types.length; i++) {
            Entity.DATA_TYPE t = data.getColumn(i).getDataType();
            boolean delta = t == Entity.DATA_TYPE.DT_SHORT || t == Entity.DATA_TYPE.DT_INT || t == Entity.DATA_TYPE.DT_LONG
                    || data.getColumn(i).getDataCategory() == Entity.DATA_CATEGORY.TEMPORAL;
            types[i] = delta ? Vector.COMPRESS_DELTA : Vector.COMPRESS_LZ4;
        }
        return types;
    }

    /**
     * Drops one partition's data with dropPartition (the partition stays in the scheme). A
     * partition without rows is already clear, so clearing it again succeeds: this is the first,
     * idempotent step of rewriting a partition.
     */
    void clearPartition(CallOptions o) throws Exception {
        String path = o.partitionPath();
        if (path == null) throw new IllegalArgumentException("Operation clearPartition needs the partition option (or its header)");
        try (PooledConnection c = pool.borrow()) {
            TableSchema schema = o.schema(c);
            Partition found = TableMetadata.partition(c, schema, path);
            long removed = 0;
            if (found != null) {
                c.call("def(dbUrl, path, tb) { dropPartition(database(dbUrl), path, tb) }",
                        List.of(new BasicString(schema.database()), new BasicString(path), new BasicString(schema.table())));
                removed = found.rows();
            }
            o.exchange.getMessage().setHeader(DolphinDBConstants.ROW_COUNT, removed);
        }
    }
}
