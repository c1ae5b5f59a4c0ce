package io.ddbsync.camel;

import com.xxdb.data.Entity;

import java.util.List;

/**
 * One partition of a table: its path (as backup, dropPartition and getTabletsMeta name it) and a
 * DolphinDB filter that selects exactly its rows, built from the partition() function, e.g.
 * {@code partition(Timestamp, 2024.01.03)} or {@code partition(date, 2024.01.03) and partition(sym, 3)}.
 * The keys are the same values as typed entities, one per level, so the component can pass them
 * to the server as function arguments instead of pasting the filter text.
 *
 * @param path    the partition's path, e.g. {@code /20240103}
 * @param filter  a DolphinDB condition selecting exactly its rows
 * @param columns the partitioning column of each level
 * @param keys    the partition() key of each level: the value for VALUE, the index for RANGE and LIST, the bucket for HASH
 * @param rows    rows in the partition as the server's tablet metadata reports them
 * @param version the partition's version as the tablet metadata reports it (chunk id and version, row count,
 *                commit ids): every write to the partition changes it. Null when unknown, or when replicas disagree.
 */
public record Partition(String path, String filter, List<String> columns, List<Entity> keys, long rows, String version) {

    public Partition {
        columns = List.copyOf(columns);
        keys = List.copyOf(keys);
    }

    /** A partition whose version is not known (yet). */
    public Partition(String path, String filter, List<String> columns, List<Entity> keys, long rows) {
        this(path, filter, columns, keys, rows, null);
    }

    /** This partition at a version, as the tablet metadata reports it. */
    public Partition withVersion(String version) {
        return new Partition(path, filter, columns, keys, rows, version);
    }

    @Override
    public String toString() {
        return path + " [" + filter + "]";
    }
}
