package io.ddbsync.camel;

import org.apache.camel.spi.Metadata;

/** Message headers of the dolphindb component. Each per-call header overrides the endpoint option of the same name. */
public final class DolphinDBConstants {
    @Metadata(label = "producer", description = "The operation to perform; overrides the operation option.",
              javaType = "io.ddbsync.camel.DolphinDBOperation")
    public static final String OPERATION = "CamelDolphinDBOperation";
    @Metadata(label = "producer", description = "The database path (dfs://name); overrides the database option.", javaType = "String")
    public static final String DATABASE = "CamelDolphinDBDatabase";
    @Metadata(label = "producer", description = "The table name; overrides the table option.", javaType = "String")
    public static final String TABLE = "CamelDolphinDBTable";
    @Metadata(label = "producer", description = "Comma separated column names; overrides the columns option.", javaType = "String")
    public static final String COLUMNS = "CamelDolphinDBColumns";
    @Metadata(label = "producer", description = "A DolphinDB filter expression (code, not data); overrides the where option.", javaType = "String")
    public static final String WHERE = "CamelDolphinDBWhere";
    @Metadata(label = "producer", description = "A partition path (/20240101) or, for restore and checkBackup, a pattern; overrides the partition option.",
              javaType = "String")
    public static final String PARTITION = "CamelDolphinDBPartition";
    @Metadata(label = "producer", description = "The script to run when the body is empty; overrides the script option.", javaType = "String")
    public static final String SCRIPT = "CamelDolphinDBScript";
    @Metadata(label = "producer", description = "The result shape; overrides the outputType option.",
              javaType = "io.ddbsync.camel.DolphinDBOutputType")
    public static final String OUTPUT_TYPE = "CamelDolphinDBOutputType";
    @Metadata(label = "producer", description = "Rows per block of a streamList or wireBlocks query (at least 8192); overrides the fetchSize option.",
              javaType = "Integer")
    public static final String FETCH_SIZE = "CamelDolphinDBFetchSize";
    @Metadata(label = "producer", description = "The backup directory on the server; overrides the backupDir option.", javaType = "String")
    public static final String BACKUP_DIR = "CamelDolphinDBBackupDir";
    @Metadata(label = "producer", description = "backup/restore force flag; overrides the force option.", javaType = "Boolean")
    public static final String FORCE = "CamelDolphinDBForce";
    @Metadata(label = "producer", description = "backup/restore parallel flag; overrides the parallel option.", javaType = "Boolean")
    public static final String PARALLEL = "CamelDolphinDBParallel";
    @Metadata(label = "producer", description = "backup/restore snapshot flag; overrides the snapshot option.", javaType = "Boolean")
    public static final String SNAPSHOT = "CamelDolphinDBSnapshot";
    @Metadata(label = "producer", description = "restore: database of the output table; overrides the outputDatabase option.", javaType = "String")
    public static final String OUTPUT_DATABASE = "CamelDolphinDBOutputDatabase";
    @Metadata(label = "producer", description = "restore: table the restored rows go to; overrides the outputTable option.", javaType = "String")
    public static final String OUTPUT_TABLE = "CamelDolphinDBOutputTable";
    @Metadata(label = "producer", description = "backup/restore key file for encrypted backups; overrides the keyPath option.", javaType = "String")
    public static final String KEY_PATH = "CamelDolphinDBKeyPath";
    @Metadata(label = "producer", description = "backupStatus: only this user's jobs; overrides the backupUser option.", javaType = "String")
    public static final String BACKUP_USER = "CamelDolphinDBBackupUser";

    @Metadata(label = "producer", description = "Out: rows appended (append), returned (query and script tables, not set for streamList and wireBlocks),"
            + " or removed (clearPartition).", javaType = "Long")
    public static final String ROW_COUNT = "CamelDolphinDBRowCount";
    @Metadata(label = "producer", description = "Out: ensureTable's action: created, addedPartitions or unchanged.", javaType = "String")
    public static final String TABLE_ACTION = "CamelDolphinDBTableAction";
    @Metadata(label = "producer", description = "append with a partition (CamelDolphinDBPartition): true also reads, in the same call, that"
            + " partition's version right after the rows went in (CamelDolphinDBPartitionVersion).", javaType = "Boolean")
    public static final String WITH_VERSION = "CamelDolphinDBWithVersion";
    @Metadata(label = "producer", description = "append with a partition (CamelDolphinDBPartition): true first clears that partition (as"
            + " clearPartition does), then appends, in the same call; a block of no rows only clears it.", javaType = "Boolean")
    public static final String CLEAR_FIRST = "CamelDolphinDBClearFirst";
    @Metadata(label = "producer", description = "Out (append with CamelDolphinDBWithVersion): the partition's version once the block was in,"
            + " as the partitions operation gives it; not set when its replicas disagree.", javaType = "String")
    public static final String PARTITION_VERSION = "CamelDolphinDBPartitionVersion";

    private DolphinDBConstants() {
    }
}
