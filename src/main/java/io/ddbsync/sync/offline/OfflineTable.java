package io.ddbsync.sync.offline;

import io.ddbsync.camel.Partition;
import io.ddbsync.camel.TableSchema;

import java.util.List;

/**
 * One table of an offline job: where it comes from, where it goes, which columns and window column,
 * and what the run's plan found (its schema, its partitions in the window as paths and versions, the
 * backup's condition).
 * The route's steps over the job's tables read it as the body of a split (${body.database}...).
 */
public final class OfflineTable {
    private final String database;
    private final String table;
    private final String targetDatabase;
    private final String targetTable;
    private final String columns;
    private final String windowColumn;
    private TableSchema schema;
    private String where;
    private PlannedPartitions planned = PlannedPartitions.none();

    public OfflineTable(String database, String table, String targetDatabase, String targetTable, String columns, String windowColumn) {
        this.database = database;
        this.table = table;
        this.targetDatabase = targetDatabase;
        this.targetTable = targetTable;
        this.columns = columns == null ? "" : columns.trim();
        this.windowColumn = windowColumn == null ? "" : windowColumn.trim();
    }

    public String getDatabase() {
        return database;
    }

    public String getTable() {
        return table;
    }

    public String getTargetDatabase() {
        return targetDatabase;
    }

    public String getTargetTable() {
        return targetTable;
    }

    public String getColumns() {
        return columns;
    }

    public String getWindowColumn() {
        return windowColumn;
    }

    /** Synced as it is: same names, every column (what a database-level backup and restore carry). */
    public boolean isAsIs() {
        return database.equals(targetDatabase) && table.equals(targetTable) && columns.isEmpty();
    }

    public TableSchema getSchema() {
        return schema;
    }

    public void setSchema(TableSchema schema) {
        this.schema = schema;
    }

    /** The SQL backup's condition (the window on this table's time column), or null for all rows. */
    public String getWhere() {
        return where;
    }

    public void setWhere(String where) {
        this.where = where;
    }

    /** What the verification needs of the plan's listing: each partition's version, by path. */
    public PlannedPartitions getPlanned() {
        return planned;
    }

    /** The plan's listing of the table's partitions in the window, kept compactly ({@link PlannedPartitions}). */
    public void setPartitions(List<Partition> partitions) {
        this.planned = new PlannedPartitions(partitions);
    }

    /** database/table, as errors and the report name it. */
    public String getName() {
        return database + "/" + table;
    }

    @Override
    public String toString() {
        return isAsIs() ? getName() : getName() + " -> " + targetDatabase + "/" + targetTable;
    }
}
