package io.ddbsync.camel;

import com.xxdb.data.Entity;

import java.util.List;

/**
 * One partition of a table: its path (as backup, dropPartition and getTabletsMeta name it) and a
 * DolphinDB filter that selects exactly its rows, built from the partition() function, e.g.
 * {@code partition(Timestamp, 2024.01.03)} or {@code partition(date, 2024.01.03) and partition(sym, 3)}.
 * The keys are the same values as typed entities, one per level, so the component can pass them
 * to the server as function arguments instead of pasting the filter text.
 */
public final class Partition {
    private final String path;
    private final String filter;
    private final List<String> columns;
    private final List<Entity> keys;
    private final long rows;
    private final String version;

    public Partition(String path, String filter, List<String> columns, List<Entity> keys, long rows) {
        this(path, filter, columns, keys, rows, null);
    }

    private Partition(String path, String filter, List<String> columns, List<Entity> keys, long rows, String version) {
        this.path = path;
        this.filter = filter;
        this.columns = List.copyOf(columns);
        this.keys = List.copyOf(keys);
        this.rows = rows;
        this.version = version;
    }

    /** This partition at a version, as the tablet metadata reports it. */
    public Partition withVersion(String version) {
        return new Partition(path, filter, columns, keys, rows, version);
    }

    public String getPath() {
        return path;
    }

    public String getFilter() {
        return filter;
    }

    /** The partitioning column of each level. */
    public List<String> getColumns() {
        return columns;
    }

    /** The partition() key of each level: the value for VALUE, the index for RANGE and LIST, the bucket for HASH. */
    public List<Entity> getKeys() {
        return keys;
    }

    /** Rows in the partition as the server's tablet metadata reports them. */
    public long getRows() {
        return rows;
    }

    /**
     * The partition's version as the tablet metadata reports it (chunk id and version, row count,
     * commit ids): every write to the partition changes it. Null when unknown, or when replicas
     * disagree.
     */
    public String getVersion() {
        return version;
    }

    @Override
    public String toString() {
        return path + " [" + filter + "]";
    }
}
