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
     * block in wire form whose columns are the table's goes as the bytes it came in. With
     * CamelDolphinDBClearFirst the same call first clears the partition (as {@link #clearPartition}),
     * so rewriting a partition costs no round trip of its own; a block of no rows then only clears it.
     */
    void append(CallOptions o) throws Exception {
        Object body = o.exchange.getMessage().getBody();
        // a block in wire form goes over a connection that writes it as the bytes it came in (not over TLS, not compressed)
        boolean wire = body instanceof WireTable && !pool.cluster().isCompress() && !pool.cluster().isSsl();
        try (Lease c = wire ? pool.borrowWire() : pool.borrow()) {
            TableSchema schema = o.schema(c);
            String path = o.partitionPath();
            boolean clearFirst = o.clearFirst();
            if (clearFirst) requireWholePartition(schema, path, "append with " + DolphinDBConstants.CLEAR_FIRST);
            Entity data = wire && AppendData.fitsAsIs((WireTable) body, schema) ? (WireTable) body : table(body, schema);
            o.exchange.getMessage().removeHeader(DolphinDBConstants.PARTITION_VERSION);
            long written = 0;
            if (data.rows() == 0) {
                if (clearFirst) clear(c, schema, path);
            } else if (path != null && (clearFirst || o.withVersion())) {
                // the partition's version read in the same call, once the rows are in: no round trip of its own. tableInsert is
                // DolphinDB's synchronous write (a DFS write is a transaction, committed when it returns), so the listing after it
                // sees the version with these rows (docs.dolphindb.cn, C++ API "tableInsert / insert into"; "Updating Data in a DFS Table").
                // Cleared first: dropPartition is synchronous too, so the rows go into the partition it emptied
                BasicAnyVector r = (BasicAnyVector) c.call(clearFirst ? CLEAR_THEN_INSERT : INSERT_WITH_LISTING,
                        List.of(new BasicString(schema.database()), new BasicString(schema.table()), data, TableMetadata.partitionPattern(schema, path),
                                new BasicString(path), new BasicString(TableMetadata.chunkPath(schema, path))));
                written = TableMetadata.number(r.get(0));
                if (o.withVersion()) {
                    PartitionListing listed = PartitionListing.parse((BasicTable) r.get(1), schema);
                    int i = listed.indexOf(path);
                    if (i >= 0 && listed.version(i) != null) o.exchange.getMessage().setHeader(DolphinDBConstants.PARTITION_VERSION, listed.version(i));
                }
            } else {
                Entity r = c.call("def(dbUrl, tb, data) { return tableInsert(loadTable(dbUrl, tb), data) }",
                        List.of(new BasicString(schema.database()), new BasicString(schema.table()), data));
                written = TableMetadata.number(r);
            }
            o.exchange.getMessage().setHeader(DolphinDBConstants.ROW_COUNT, written);
        }
    }

    /**
     * The statements that clear a partition, for a function of arguments pattern, tb, dbUrl, path
     * and chunk (see {@link #CLEAR_PARTITION}): m, the partition's listing, and its drop when the
     * listing holds that partition's chunk.
     */
    private static final String CLEARING = "m = " + TableMetadata.LISTING + "; "
            + "if (size(m) > 0) { if (sum(or(m.dfsPath == chunk, like(m.dfsPath, chunk + \"/%\"))) > 0) dropPartition(database(dbUrl), path, tb) };";

    /**
     * def(dbUrl, tb, data, pattern, path, chunk): the rows appended, and the partition's listing
     * after (its version with these rows). path and chunk are unused: the arguments are those of
     * {@link #CLEAR_THEN_INSERT}, so both take the same list.
     */
    static final String INSERT_WITH_LISTING = "def(dbUrl, tb, data, pattern, path, chunk) { n = tableInsert(loadTable(dbUrl, tb), data); "
            + "return (n, " + TableMetadata.LISTING + ") }";

    /** As {@link #INSERT_WITH_LISTING}, the partition cleared first as {@link #CLEAR_PARTITION} clears it. */
    static final String CLEAR_THEN_INSERT = "def(dbUrl, tb, data, pattern, path, chunk) { " + CLEARING + " n = tableInsert(loadTable(dbUrl, tb), data); "
            + "return (n, " + TableMetadata.LISTING + ") }";

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
        try (PooledConnection c = pool.borrow()) {
            TableSchema schema = o.schema(c);
            requireWholePartition(schema, path, "clearPartition");
            o.exchange.getMessage().setHeader(DolphinDBConstants.ROW_COUNT, clear(c, schema, path));
        }
    }

    /** Clears the partition in one call; returns the rows it held. */
    private static long clear(Lease c, TableSchema schema, String path) throws Exception {
        BasicTable listing = (BasicTable) c.call(CLEAR_PARTITION, List.of(TableMetadata.partitionPattern(schema, path),
                new BasicString(schema.table()), new BasicString(schema.database()), new BasicString(path),
                new BasicString(TableMetadata.chunkPath(schema, path))));
        PartitionListing listed = PartitionListing.parse(listing, schema);
        int i = listed.indexOf(path);
        return i < 0 ? 0L : listed.rows(i);
    }

    /** A partition to clear must be named to its last level: a partial path would list (and drop) the partitions under it. */
    private static void requireWholePartition(TableSchema schema, String path, String operation) {
        if (path == null) throw new IllegalArgumentException("Operation " + operation + " needs the partition option (or its header)");
        PartitionFilters.find(schema, path, 0);
    }

    /**
     * def(pattern, tb, dbUrl, path, chunk): the listing of {@link TableMetadata#LISTING} for the
     * partition's pattern, and the drop when a listed chunk is that partition's: its dfsPath is
     * {@code chunk} ("/db/20240101"), or that followed by the table's physical index. The pattern
     * ends with %, so it also lists partitions whose names merely start the same ("/1" and "/10").
     */
    static final String CLEAR_PARTITION = "def(pattern, tb, dbUrl, path, chunk) { " + CLEARING + " return m }";
}
