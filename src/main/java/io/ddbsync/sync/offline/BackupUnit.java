package io.ddbsync.sync.offline;

/**
 * What one backup (and checkBackup) call covers: a whole database (no source table: DolphinDB's
 * backupDB, every table in one call, resumable and incremental by partition) or one table.
 * The target database is where a whole database is restored by restoreDB. The routes read it with
 * simple expressions ({@code ${body.database}}, {@code ${body.table}}, {@code ${body.targetDatabase}}),
 * which Camel resolves to the record's accessors.
 *
 * @param database       the source database
 * @param source         the one table, or null for a whole database
 * @param targetDatabase where restoreDB restores a whole database
 */
public record BackupUnit(String database, OfflineTable source, String targetDatabase) {

    public boolean isWholeDatabase() {
        return source == null;
    }

    /** The table's name when the unit is one table, else null: the backup and checkBackup calls' table header. */
    public String table() {
        return source == null ? null : source.getTable();
    }

    @Override
    public String toString() {
        return isWholeDatabase() ? database : source.getName();
    }
}
