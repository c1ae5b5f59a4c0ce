package io.ddbsync.standin.backup;

import com.xxdb.data.*;
import io.ddbsync.standin.dfs.Catalog;
import io.ddbsync.standin.dfs.Database;
import io.ddbsync.standin.dfs.DfsTable;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.script.Session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * restore, restoreDB, restoreTable and migrate: which backups they read, which table they write,
 * whether they may create it, and what they return. The restoring itself is {@link Restorer}'s.
 */
public final class RestoreCommands {
    private RestoreCommands() {
    }

    /**
     * restore(backupDir, dbPath, tableName, partition, [force], [outputTable], [parallel], [snapshot]).
     * The database must exist (a missing table is created from the backup); outputTable, when given, receives the rows.
     */
    public static BasicStringVector restore(Session session, Path backupDir, String dbPath, String tableName, String pattern,
                                            boolean force, DfsTable outputTable, boolean parallel, boolean snapshot) {
        TableBackupDir backup = TableBackupDir.open(backupDir, dbPath, tableName);
        DfsTable target = outputTable;
        if (target == null) {
            Database db = session.node().catalog().get(dbPath);
            if (db == null) {
                throw new ScriptException("The database [" + dbPath + "] does not exist. restore writes into an existing database: create it "
                        + "with the backup's partitioning first, or use restoreDB, restoreTable or migrate, which create it.");
            }
            target = db.table(tableName) != null ? db.table(tableName) : createTable(session, db, backup, tableName);
        }
        List<String> paths = Restorer.restore(session, backup, target, new Restorer.Options(PartitionPattern.of(pattern), force, snapshot, parallel));
        return new BasicStringVector(paths.toArray(new String[0]));
    }

    /** restoreDB(backupDir, dbPath, [newDBPath]): every table of a copy-files backup of a database; creates what is missing. */
    public static BasicTable restoreDB(Session session, Path backupDir, String dbPath, String newDbPath) {
        List<TableBackupDir> backups = databaseBackups(backupDir, dbPath);
        for (TableBackupDir b : backups) requireCopyFiles(b, "restoreDB");
        List<String> dbs = new ArrayList<>(), tables = new ArrayList<>();
        for (TableBackupDir b : backups) {
            DfsTable target = target(session, b, newDbPath, b.meta.tableName(), true);
            Restorer.restore(session, b, target, new Restorer.Options(PartitionPattern.all(), false, true, true));
            dbs.add(newDbPath);
            tables.add(target.name());
        }
        return namesTable(dbs, tables);
    }

    /** restoreTable(backupDir, dbPath, tableName, [newDBPath], [newTableName]): one table of a copy-files backup; creates what is missing. */
    public static BasicTable restoreTable(Session session, Path backupDir, String dbPath, String tableName, String newDbPath, String newTableName) {
        TableBackupDir b = TableBackupDir.open(backupDir, dbPath, tableName);
        requireCopyFiles(b, "restoreTable");
        DfsTable target = target(session, b, newDbPath, newTableName, false);
        Restorer.restore(session, b, target, new Restorer.Options(PartitionPattern.all(), false, true, true));
        return namesTable(List.of(newDbPath), List.of(newTableName));
    }

    /**
     * migrate(backupDir, [backupDBPath], [backupTableName], [newDBPath], [newTableName]): restores
     * whole tables of either kind of backup into tables it creates (a table that already exists is
     * a failed row, not overwritten). One row per table, named as in the backup.
     */
    public static BasicTable migrate(Session session, Path backupDir, String dbPath, String tableName, String newDbPath, String newTableName) {
        List<TableBackupDir> backups = new ArrayList<>();
        if (dbPath == null) {
            for (Path dir : BackupLayout.tableDirs(backupDir)) backups.add(TableBackupDir.at(dir));
            if (backups.isEmpty()) throw new ScriptException("There is no backup in " + backupDir);
        } else if (tableName == null) {
            backups.addAll(databaseBackups(backupDir, dbPath));
        } else {
            backups.add(TableBackupDir.open(backupDir, dbPath, tableName));
        }
        List<String> dbs = new ArrayList<>(), tables = new ArrayList<>(), errors = new ArrayList<>();
        List<Boolean> ok = new ArrayList<>();
        for (TableBackupDir b : backups) {
            dbs.add(b.meta.dbPath());
            tables.add(b.meta.tableName());
            String toDb = newDbPath != null ? newDbPath : b.meta.dbPath();
            String toTable = newTableName != null ? newTableName : b.meta.tableName();
            try {
                Database db = session.node().catalog().get(toDb);
                if (db != null && db.table(toTable) != null) {
                    throw new ScriptException("The table [" + toDb + "/" + toTable + "] already exists. migrate restores into new tables only: drop it first, or use restore");
                }
                DfsTable target = target(session, b, toDb, toTable, false);
                Restorer.restore(session, b, target, new Restorer.Options(PartitionPattern.all(), true, false, false));
                ok.add(true);
                errors.add("");
            } catch (ScriptException e) {
                ok.add(false);
                errors.add(e.getMessage());
            }
        }
        boolean[] success = new boolean[ok.size()];
        for (int i = 0; i < success.length; i++) success[i] = ok.get(i);
        return new BasicTable(List.of("dbName", "tableName", "success", "errorMsg"),
                List.of(strings(dbs), strings(tables), booleans(success), strings(errors)));
    }

    private static BasicBooleanVector booleans(boolean[] b) {
        BasicBooleanVector v = new BasicBooleanVector(b.length);
        for (int i = 0; i < b.length; i++) v.setBoolean(i, b[i]);
        return v;
    }

    private static List<TableBackupDir> databaseBackups(Path backupDir, String dbPath) {
        List<TableBackupDir> out = new ArrayList<>();
        for (Path dir : BackupLayout.tableDirsOfDb(backupDir.resolve(BackupLayout.dbName(dbPath)))) out.add(TableBackupDir.at(dir));
        if (out.isEmpty()) throw new ScriptException("There is no backup of database " + dbPath + " in " + backupDir);
        return out;
    }

    private static void requireCopyFiles(TableBackupDir b, String function) {
        if (b.meta.method() != BackupMethod.COPY_FILE) {
            throw new ScriptException(function + " only restores backups made by copying files (backup with dbPath); the backup of "
                    + b.qualifiedName() + " was made with a SQL statement: use restore or migrate");
        }
    }

    /**
     * The table a restoreDB/restoreTable/migrate writes: created, with its database, when missing.
     * An existing database keeps its own engine; restoreDB alone insists it be the backup's.
     */
    private static DfsTable target(Session session, TableBackupDir b, String dbPath, String tableName, boolean sameEngine) {
        Catalog catalog = session.node().catalog();
        Database db = catalog.get(dbPath);
        if (db == null) {
            requireLogin(session);
            // the domain is read again so the new database gets partitioning levels of its own
            BackupDomain domain = BackupDomain.read(b.dir);
            db = catalog.create(dbPath, domain.levels(), domain.engine(), domain.atomic());
        } else if (sameEngine && !db.engine().equals(b.domain.engine())) {
            throw new ScriptException("restoreDB can't change the storage engine: the backup of " + b.meta.dbPath() + " is " + b.domain.engine()
                    + ", the target database " + dbPath + " is " + db.engine());
        }
        DfsTable t = db.table(tableName);
        return t != null ? t : createTable(session, db, b, tableName);
    }

    private static DfsTable createTable(Session session, Database db, TableBackupDir b, String tableName) {
        requireLogin(session);
        Compatibility.checkDatabase(b, db, tableName);
        TableBackupMeta m = b.meta;
        List<String> sort = db.engine().equals("TSDB") ? m.sortColumns() : List.of();
        return db.createTable(tableName, m.columns(), m.dimension() ? List.of() : m.partitionColumns(), sort, m.keepDuplicates());
    }

    private static void requireLogin(Session session) {
        if (!session.loggedIn()) throw new ScriptException("<NoPrivilege>Not granted to create or delete databases");
    }

    private static BasicTable namesTable(List<String> dbs, List<String> tables) {
        return new BasicTable(List.of("dbName", "tableName"), List.of(strings(dbs), strings(tables)));
    }

    static BasicStringVector strings(List<String> s) {
        return new BasicStringVector(s.toArray(new String[0]));
    }
}
