package io.ddbsync.camel;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The per-call options of a dolphindb endpoint. Each one can also be given for a single message
 * by the header of the same name (see {@link DolphinDBConstants}). Connection settings are not
 * here: they belong to the cluster (see {@link DolphinDBCluster}), so URIs never carry credentials.
 */
@UriParams
public class DolphinDBConfiguration implements Cloneable {
    @UriParam(description = "The operation to perform.")
    @Metadata(required = true)
    private DolphinDBOperation operation;
    @UriParam(description = "The database path, e.g. dfs://db1.")
    private String database;
    @UriParam(description = "The table name.")
    private String table;
    @UriParam(label = "producer", description = "query: comma separated columns to select (default all); ensureTable: the columns the target"
            + " table keeps (default all); stats: the columns the checksum covers (default all).")
    private String columns;
    @UriParam(label = "producer", description = "query, partitions, stats and backup: a DolphinDB filter expression such as"
            + " Timestamp >= 2024.01.01T00:00:00.000. It is code: never build it from untrusted data.")
    private String where;
    @UriParam(label = "producer", description = "clearPartition and stats: a partition path such as /20240101 or /20240101/Key3;"
            + " backup: comma separated partition paths; restore and checkBackup: a pattern such as % or %/20240101%.")
    private String partition;
    @UriParam(label = "producer", description = "script: the script to run when the message body is empty.")
    private String script;
    @UriParam(label = "producer", defaultValue = "table", description = "script and query: return a BasicTable, a List of Maps,"
            + " or (query only) a streamList: an Iterator of fetchSize-row BasicTable blocks closed when the exchange completes, or"
            + " wireBlocks: the same blocks as WireTable, kept in the form the server sent them (appended to another cluster as"
            + " those bytes; integral, temporal, FLOAT, DOUBLE, STRING and SYMBOL columns; not over TLS).")
    private DolphinDBOutputType outputType = DolphinDBOutputType.table;
    @UriParam(label = "producer", defaultValue = "8192", description = "Rows per block of a streamList or wireBlocks query; the DolphinDB API needs at"
            + " least 8192. The connection stays busy until every block is read or the exchange completes.")
    private int fetchSize = 8192;
    @UriParam(label = "producer", description = "backup, restore, backupList and checkBackup: the backup directory on the server.")
    private String backupDir;
    @UriParam(label = "producer", description = "backup: full (true) or incremental (false) backup; restore: restore every partition (true)"
            + " or only those that differ (false). The server's default when not set.")
    private Boolean force;
    @UriParam(label = "producer", description = "backup and restore: work on the partitions of a table in parallel. The server's default when not set.")
    private Boolean parallel;
    @UriParam(label = "producer", description = "backup and restore: the snapshot flag (drop partitions missing on the other side). The server's"
            + " default when not set; set it to false when restoring a partial backup with partition %.")
    private Boolean snapshot;
    @UriParam(label = "producer", description = "restore: the database of the table the rows go to (default: database).")
    private String outputDatabase;
    @UriParam(label = "producer", description = "restore: the table the rows go to (outputTable of restore); default: restore into the backed-up table.")
    private String outputTable;
    @UriParam(label = "producer,security", description = "backup and restore: the key file of an encrypted backup (keyPath).")
    private String keyPath;
    @UriParam(label = "producer", description = "backupStatus: only the jobs of this user (getBackupStatus's userName).")
    private String backupUser;
    @UriParam(label = "producer,advanced", description = "stats: remembers each partition's row count and checksum with the partition's"
            + " version (its chunk id and version in the tablet metadata, which change with every write to it), so a partition"
            + " nothing has written to since is not scanned again. A Camel StateRepository, e.g. a FileStateRepository;"
            + " none by default (every stats call scans).")
    private StateRepository<String, String> statsCache;

    public DolphinDBConfiguration copy() {
        try {
            return (DolphinDBConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public StateRepository<String, String> getStatsCache() {
        return statsCache;
    }

    public void setStatsCache(StateRepository<String, String> statsCache) {
        this.statsCache = statsCache;
    }

    public DolphinDBOperation getOperation() {
        return operation;
    }

    public void setOperation(DolphinDBOperation operation) {
        this.operation = operation;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getColumns() {
        return columns;
    }

    public void setColumns(String columns) {
        this.columns = columns;
    }

    public String getWhere() {
        return where;
    }

    public void setWhere(String where) {
        this.where = where;
    }

    public String getPartition() {
        return partition;
    }

    public void setPartition(String partition) {
        this.partition = partition;
    }

    public String getScript() {
        return script;
    }

    public void setScript(String script) {
        this.script = script;
    }

    public DolphinDBOutputType getOutputType() {
        return outputType;
    }

    public void setOutputType(DolphinDBOutputType outputType) {
        this.outputType = outputType;
    }

    public int getFetchSize() {
        return fetchSize;
    }

    public void setFetchSize(int fetchSize) {
        this.fetchSize = fetchSize;
    }

    public String getBackupDir() {
        return backupDir;
    }

    public void setBackupDir(String backupDir) {
        this.backupDir = backupDir;
    }

    public Boolean getForce() {
        return force;
    }

    public void setForce(Boolean force) {
        this.force = force;
    }

    public Boolean getParallel() {
        return parallel;
    }

    public void setParallel(Boolean parallel) {
        this.parallel = parallel;
    }

    public Boolean getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(Boolean snapshot) {
        this.snapshot = snapshot;
    }

    public String getOutputDatabase() {
        return outputDatabase;
    }

    public void setOutputDatabase(String outputDatabase) {
        this.outputDatabase = outputDatabase;
    }

    public String getOutputTable() {
        return outputTable;
    }

    public void setOutputTable(String outputTable) {
        this.outputTable = outputTable;
    }

    public String getKeyPath() {
        return keyPath;
    }

    public void setKeyPath(String keyPath) {
        this.keyPath = keyPath;
    }

    public String getBackupUser() {
        return backupUser;
    }

    public void setBackupUser(String backupUser) {
        this.backupUser = backupUser;
    }
}
