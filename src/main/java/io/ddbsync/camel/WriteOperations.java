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
                PartitionListing listed = PartitionListing.parse((BasicTable) r.get(1), schema);
                int i = listed.indexOf(path);
                if (i >= 0 && listed.version(i) != null) o.exchange.getMessage().setHeader(DolphinDBConstants.PARTITION_VERSION, listed.version(i));
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
     * Lists one partition and, when it holds rows, drops its data with dropPartition (the
     * partition stays in the scheme), in one call. dropPartition fails for a partition that does
     * not exist (S01056), so the server drops only what its listing found: a partition without
     * rows is already clear, and clearing it again succeeds: this is the first, idempotent step of
     * rewriting a partition. Any other failure of the drop fails the call. The path must name
     * every level ("/20240101/Key3" in a COMPO database).
     */
    void clearPartition(CallOptions o) throws Exception {
        String path = o.partitionPath();
        if (path == null) throw new IllegalArgumentException("Operation clearPartition needs the partition option (or its header)");
        try (PooledConnection c = pool.borrow()) {
            TableSchema schema = o.schema(c);
            // a partial path would list (and drop) the partitions under it: refused, naming the levels
            PartitionFilters.find(schema, path, 0);
            BasicTable listing = (BasicTable) c.call(CLEAR_PARTITION, List.of(TableMetadata.partitionPattern(schema, path),
                    new BasicString(schema.table()), new BasicString(schema.database()), new BasicString(path),
                    new BasicString(TableMetadata.chunkPath(schema, path))));
            PartitionListing listed = PartitionListing.parse(listing, schema);
            int i = listed.indexOf(path);
            o.exchange.getMessage().setHeader(DolphinDBConstants.ROW_COUNT, i < 0 ? 0L : listed.rows(i));
        }
    }

    /**
     * def(pattern, tb, dbUrl, path, chunk): the listing of {@link TableMetadata#LISTING} for the
     * partition's pattern, and the drop when a listed chunk is that partition's: its dfsPath is
     * {@code chunk} ("/db/20240101"), or that followed by the table's physical index. The pattern
     * ends with %, so it also lists partitions whose names merely start the same ("/1" and "/10").
     */
    static final String CLEAR_PARTITION = "def(pattern, tb, dbUrl, path, chunk) { m = " + TableMetadata.LISTING + "; "
            + "if (size(m) > 0) { if (sum(or(m.dfsPath == chunk, like(m.dfsPath, chunk + \"/%\"))) > 0) dropPartition(database(dbUrl), path, tb) }; "
            + "return m }";
}
