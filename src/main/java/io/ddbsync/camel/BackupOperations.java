package io.ddbsync.camel;

import com.xxdb.data.*;

import java.util.List;

/**
 * backup, restore, restoreDB, backupList, checkBackup and backupStatus: DolphinDB's backup, restore, restoreDB,
 * getBackupList, checkBackup and getBackupStatus, each option passed as the function's argument
 * of the same meaning (unset options are left to the server's default).
 */
final class BackupOperations {
    private final ConnectionPool pool;

    BackupOperations(ConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * Copy-files backup of database (optionally table and partitions); with where or columns, a SQL
     * backup of select columns from database/table where ... instead. Body: partitions backed up.
     */
    void backup(CallOptions o) throws Exception {
        ServerCall call = new ServerCall("backup").arg(new BasicString(o.backupDir()));
        String where = o.where();
        List<String> columns = o.columns();
        if (where != null || !columns.isEmpty()) {
            String select = "select " + (columns.isEmpty() ? "*" : String.join(", ", columns)) + " from loadTable(\"" + o.database() + "\", \""
                    + o.table() + "\")" + (where == null ? "" : " where " + where);
            call.argCode("<" + select + ">").named("force", bool(o.force())).named("parallel", bool(o.parallel()));
        } else {
            call.arg(new BasicString(o.database()))
                    .named("force", bool(o.force())).named("parallel", bool(o.parallel())).named("snapshot", bool(o.snapshot()));
            if (o.rawTable() != null) call.named("tableName", new BasicString(o.table()));
            List<String> paths = o.partitionPaths();
            if (!paths.isEmpty()) call.named("partition", new BasicStringVector(paths.toArray(new String[0])));
            call.named("keyPath", string(o.keyPath()));
        }
        run(o, call);
    }

    /** restore(backupDir, database, table, partition pattern (default %), ...). Body: the restored chunk paths. */
    void restore(CallOptions o) throws Exception {
        ServerCall call = new ServerCall("restore").arg(new BasicString(o.backupDir())).arg(new BasicString(o.database()))
                .arg(new BasicString(o.table())).arg(new BasicString(o.partitionPattern("%")))
                .named("force", bool(o.force()));
        String outTable = o.outputTable();
        if (outTable != null) {
            String outDb = o.outputDatabase() != null ? o.outputDatabase() : o.database();
            call.namedCode("outputTable", "loadTable(\"" + outDb + "\", \"" + outTable + "\")");
        }
        call.named("parallel", bool(o.parallel())).named("snapshot", bool(o.snapshot())).named("keyPath", string(o.keyPath()));
        run(o, call);
    }

    /** restoreDB(backupDir, database, [newDBPath = outputDatabase]). Body: one row (dbName, tableName) per restored table. */
    void restoreDB(CallOptions o) throws Exception {
        ServerCall call = new ServerCall("restoreDB").arg(new BasicString(o.backupDir())).arg(new BasicString(o.database()));
        if (o.outputDatabase() != null) call.arg(new BasicString(o.outputDatabase()));
        call.named("keyPath", string(o.keyPath()));
        run(o, call);
    }

    /** getBackupList(backupDir, database, table): one row per backed-up partition. */
    void backupList(CallOptions o) throws Exception {
        run(o, new ServerCall("getBackupList").arg(new BasicString(o.backupDir())).arg(new BasicString(o.database()))
                .arg(new BasicString(o.table())));
    }

    /** checkBackup(backupDir, database, [table], [partition]): the corrupted partitions, none when the backup is sound. */
    void checkBackup(CallOptions o) throws Exception {
        ServerCall call = new ServerCall("checkBackup").arg(new BasicString(o.backupDir())).arg(new BasicString(o.database()));
        if (o.rawTable() != null) call.named("tableName", new BasicString(o.table()));
        if (o.rawPartition() != null) call.named("partition", new BasicString(o.partitionPattern("%")));
        run(o, call);
    }

    /** getBackupStatus([userName]): backup and restore jobs of this node. */
    void backupStatus(CallOptions o) throws Exception {
        run(o, new ServerCall("getBackupStatus").named("userName", string(o.backupUser())));
    }

    private void run(CallOptions o, ServerCall call) throws Exception {
        Entity result;
        try (PooledConnection c = pool.borrow()) {
            // the server answers a backup, restore or check only when it is done
            result = c.callAwaiting(call.text(), call.values(), pool.cluster().getBackupTimeout());
        }
        if (result instanceof BasicTable t) {
            o.exchange.getMessage().setHeader(DolphinDBConstants.ROW_COUNT, (long) t.rows());
            o.exchange.getMessage().setBody(JavaValues.table(t, o.outputType()));
        } else {
            o.exchange.getMessage().setBody(JavaValues.of(result));
        }
    }

    private static Entity bool(Boolean b) {
        return b == null ? null : new BasicBoolean(b);
    }

    private static Entity string(String s) {
        return s == null || s.isBlank() ? null : new BasicString(s);
    }
}
