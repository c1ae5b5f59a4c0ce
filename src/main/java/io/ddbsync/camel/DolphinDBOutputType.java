package io.ddbsync.camel;

/** The shape of a script or query result. */
public enum DolphinDBOutputType {
    /** The API's BasicTable (scalars become Java values). */
    table,
    /** A List of Maps, one per row, column name to Java value. */
    listOfMaps,
    /**
     * query: an Iterator of BasicTable blocks of fetchSize rows; stats: an Iterator of PartitionStats, scanned a window of
     * partitions at a time as they are read. Closed (its connection given back) when the exchange completes.
     */
    streamList,
    /**
     * query only: like streamList, with each block a {@link WireTable}: its columns kept as the
     * server sent them, not decoded, so appending it to another cluster forwards the bytes. For
     * integral, temporal, FLOAT, DOUBLE, STRING and SYMBOL columns, over a plain (not TLS) connection.
     */
    wireBlocks
}
