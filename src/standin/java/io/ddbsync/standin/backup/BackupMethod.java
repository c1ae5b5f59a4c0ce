package io.ddbsync.standin.backup;

/** The two ways DolphinDB backs up a table; one backup directory keeps to one of them. */
public enum BackupMethod {
    /** backup(dir, dbPath, ...): partitions copied as files, one directory per partition. */
    COPY_FILE,
    /** backup(dir, &lt;select ...&gt;, ...): the query's rows serialized, one .bin file per partition. */
    SQL;

    /** The type column of getBackupStatus for a backup or restore job of this kind. */
    public String jobType(boolean restore) {
        return (restore ? "RESTORE_BY_" : "BACKUP_BY_") + (this == SQL ? "SQL" : "COPY_FILE");
    }
}
