package io.ddbsync.camel;

/** What a dolphindb endpoint does; lower camel case so it reads well in a URI. */
public enum DolphinDBOperation {
    /** Run a DolphinDB script (body or the script option). */
    script,
    /** Select from database/table with optional columns and where; one table or a stream of blocks. */
    query,
    /** Append the body (a BasicTable, List of Maps or List of Lists) to database/table. */
    append,
    /** List the table's partitions (optionally those with rows matching where), each with path and filter. */
    partitions,
    /** Row count and content checksum of each partition, computed on the server. */
    stats,
    /** Remember a partition's stats known without a scan (body: PartitionStats with its version) in the statsCache. */
    rememberStats,
    /** Remove all rows of one partition of a table. */
    clearPartition,
    /** Read a table's schema. */
    schema,
    /** Whether the database (and, when a table is given, the table) exists: a Boolean body. */
    exists,
    /** Create database/table from the schema in the body when missing; fail with a diff when different. */
    ensureTable,
    /** DolphinDB's backup function. */
    backup,
    /** DolphinDB's restore function. */
    restore,
    /** DolphinDB's restoreDB function: every table of a database's copy-files backup (outputDatabase: the new name). */
    restoreDB,
    /** DolphinDB's getBackupList function. */
    backupList,
    /** DolphinDB's checkBackup function. */
    checkBackup,
    /** DolphinDB's getBackupStatus function. */
    backupStatus
}
