package io.ddbsync.sync.run;

/**
 * One table a job syncs, as {@link TableSelection} resolved it: where it is read, where it is
 * written, and the per-table settings (empty when the job's own apply).
 *
 * @param sourceDatabase the source's DFS database, e.g. dfs://db1
 * @param table          the source table
 * @param targetDatabase the target's DFS database
 * @param targetTable    the target table
 * @param columns        comma separated columns the target keeps ("" = all)
 * @param windowColumn   the temporal column the window applies to ("" = the first partitioning column)
 */
public record SyncTable(String sourceDatabase, String table, String targetDatabase, String targetTable,
                        String columns, String windowColumn) implements Comparable<SyncTable> {

    /** How runs remember a source table between them: {@code dfs://db1/mt}. */
    public String sourceKey() {
        return sourceDatabase + "/" + table;
    }

    /** The target table as reports name it: {@code dfs://db1/mt}. */
    public String targetKey() {
        return targetDatabase + "/" + targetTable;
    }

    @Override
    public int compareTo(SyncTable other) {
        int byDatabase = sourceDatabase.compareTo(other.sourceDatabase);
        return byDatabase != 0 ? byDatabase : table.compareTo(other.table);
    }

    @Override
    public String toString() {
        return sourceKey().equals(targetKey()) ? sourceKey() : sourceKey() + " -> " + targetKey();
    }
}
