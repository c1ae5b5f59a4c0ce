package io.ddbsync.standin.functions;

import com.xxdb.data.BasicInt;
import com.xxdb.data.Entity;
import io.ddbsync.standin.backup.*;
import io.ddbsync.standin.dfs.Database;
import io.ddbsync.standin.dfs.DfsTable;
import io.ddbsync.standin.dfs.TableHandle;
import io.ddbsync.standin.script.Args;
import io.ddbsync.standin.script.MetaCode;
import io.ddbsync.standin.script.ScriptException;

import java.nio.file.Path;
import java.util.List;

import static io.ddbsync.standin.script.Builtins.add;

/** DolphinDB's backup and restore family, with the manual's signatures; the work is done in io.ddbsync.standin.backup. */
public final class BackupFunctions {
    private BackupFunctions() {
    }

    public static void register() {
        add("backup(backupDir, dbPath|sqlObj, [force], [parallel], [snapshot], [tableName], [partition], [keyPath])", BackupFunctions::backup);
        add("backupDB(backupDir, dbPath, [keyPath])", a -> {
            noKey(a, 2);
            return new BasicInt(copyFiles(a, a.string(1), List.of(), null, false, true, true));
        });
        add("backupTable(backupDir, dbPath, tableName, [keyPath])", a -> {
            noKey(a, 3);
            return new BasicInt(copyFiles(a, a.string(1), a.strings(2), null, false, true, true));
        });
        add("restore(backupDir, dbPath, tableName, partition, [force], [outputTable], [parallel], [snapshot], [keyPath])", BackupFunctions::restore);
        add("restoreDB(backupDir, dbPath, [newDBPath], [keyPath])", a -> {
            noKey(a, 3);
            return RestoreCommands.restoreDB(a.session(), dir(a), a.string(1), a.string(2, a.string(1)));
        });
        add("restoreTable(backupDir, dbPath, tableName, [newDBPath], [newTableName], [keyPath])", a -> {
            noKey(a, 5);
            return RestoreCommands.restoreTable(a.session(), dir(a), a.string(1), a.string(2), a.string(3, a.string(1)), a.string(4, a.string(2)));
        });
        add("migrate(backupDir, [backupDBPath], [backupTableName], [newDBPath], [newTableName], [keyPath])", a -> {
            noKey(a, 5);
            return RestoreCommands.migrate(a.session(), dir(a), a.string(1, null), a.string(2, null), a.string(3, null), a.string(4, null));
        });
        add("getBackupList(backupDir, dbPath, tableName)", a -> BackupInspection.list(dir(a), a.string(1), a.string(2)));
        add("getBackupMeta(backupDir, dbPath, partition, tableName)", a -> BackupInspection.meta(dir(a), a.string(1), a.string(2), a.string(3)));
        add("loadBackup(backupDir, dbPath, partition, tableName)", a -> {
            if (!a.session().loggedIn()) throw new ScriptException("<NotAuthenticated>Not granted to load a backup: please log in first");
            return BackupInspection.load(dir(a), a.string(1), a.string(2), a.string(3));
        });
        add("checkBackup(backupDir, dbPath, [tableName], [partition])", a ->
                BackupInspection.check(dir(a), a.string(1), a.has(2) ? a.strings(2) : null, a.string(3, null)));
        add("getBackupStatus([userName])", a -> BackupInspection.status(a.session().node(), a.string(0, null)));
    }

    private static Path dir(Args a) {
        return BackupLayout.backupDir(a.session().node(), a.string(0));
    }

    /** Encrypted backups (keyPath, 3.00 on Linux) need TDE keys this server doesn't have. */
    private static void noKey(Args a, int i) {
        if (a.has(i) && !a.string(i).isEmpty()) throw new ScriptException("keyPath: encrypted backups are not supported by this server");
    }

    private static Entity backup(Args a) {
        noKey(a, 7);
        Entity what = a.get(1);
        boolean force = a.bool(2, false);
        boolean parallel = a.bool(3, false);
        if (what instanceof MetaCode code) {
            // snapshot, tableName and partition only take effect with dbPath, as the manual says
            return new BasicInt(SqlBackup.run(a.session(), dir(a), code, force));
        }
        List<String> tables = a.has(5) ? a.strings(5) : List.of();
        Entity partition = a.has(6) && a.get(6).rows() > 0 && !(a.get(6) instanceof com.xxdb.data.Void) ? a.get(6) : null;
        return new BasicInt(copyFiles(a, a.string(1), tables, partition, force, parallel, a.bool(4, true)));
    }

    private static int copyFiles(Args a, String dbPath, List<String> tables, Entity partition, boolean force, boolean parallel, boolean snapshot) {
        Database db = a.session().node().catalog().get(dbPath);
        if (db == null) throw new ScriptException("The database [" + dbPath + "] does not exist.");
        return CopyFileBackup.run(a.session(), new CopyFileBackup.Request(dir(a), db, tables, partition, force, parallel, snapshot));
    }

    private static Entity restore(Args a) {
        noKey(a, 8);
        DfsTable output = null;
        if (a.has(5)) {
            if (!(a.get(5) instanceof TableHandle h)) throw a.argument(5, "must be a handle to a DFS table (loadTable(...))");
            output = h.table();
        }
        return RestoreCommands.restore(a.session(), dir(a), a.string(1), a.string(2), a.string(3), a.bool(4, false), output, a.bool(6, false), a.bool(7, false));
    }
}
