package io.ddbsync.sync.offline;

/**
 * What one backup (and checkBackup) call covers: a whole database (no source table: DolphinDB's
 * backupDB, every table in one call, resumable and incremental by partition) or one table.
 * The target database is where a whole database is restored by restoreDB. (A class with getters
 * only, not a record: Camel's simple language must find one method per name.)
 */
public final class BackupUnit {
    private final String database;
    private final OfflineTable source;
    private final String targetDatabase;

    public BackupUnit(String database, OfflineTable source, String targetDatabase) {
        this.database = database;
        this.source = source;
        this.targetDatabase = targetDatabase;
    }

    public boolean isWholeDatabase() {
        return source == null;
    }

    public String getDatabase() {
        return database;
    }

    /** The one table, or null for a whole database. */
    public OfflineTable getSource() {
        return source;
    }

    /** The table's name when the unit is one table, else null: the backup and checkBackup calls' table header. */
    public String getTable() {
        return source == null ? null : source.getTable();
    }

    public String getTargetDatabase() {
        return targetDatabase;
    }

    @Override
    public String toString() {
        return isWholeDatabase() ? database : source.getName();
    }
}
