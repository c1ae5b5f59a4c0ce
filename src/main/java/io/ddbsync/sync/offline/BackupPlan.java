package io.ddbsync.sync.offline;

import io.ddbsync.camel.DolphinDBConstants;
import io.ddbsync.camel.TableSchema;
import io.ddbsync.sync.run.SyncProperties;
import io.ddbsync.sync.run.SyncRuns;
import io.ddbsync.sync.run.SyncWindow;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Chooses how an offline run backs up and where the files go. Every table of the job goes into ONE
 * directory per run (DolphinDB lays it out as {@code <db>/<table>/}), so the transfer leg moves one
 * directory whatever the number of tables.
 * <ul>
 * <li>Whole tables with every column: a copy-files backup into a directory kept from run to run, so
 * DolphinDB backs up only partitions that changed, the transfer moves only changed files, and
 * restore overwrites only partitions that differ. A database whose every table the job syncs is
 * backed up in one call (backupDB: the database's partitions, one pool on the server).</li>
 * <li>A window or a column subset on any table: a SQL backup per table (the tutorial's examples 1-3)
 * into a directory emptied first, since a SQL backup directory keeps partitions of earlier windows
 * that a restore of "%" would append again. Its restore appends, so the window's partitions are
 * cleared on the target first.</li>
 * </ul>
 * The two kinds use separate directories: DolphinDB refuses to mix them in one (S01022), hence one
 * kind per job.
 */
public class BackupPlan {
    public static final String MODE = "DdbSyncBackupMode";
    public static final String UNITS = "DdbSyncBackupUnits";
    /** The whole-database units a restoreDB restores. */
    public static final String RESTORE_DB = "DdbSyncRestoreDatabases";
    /** The tables restored one by one: those of no unit in {@link #RESTORE_DB}. */
    public static final String RESTORE_TABLES = "DdbSyncRestoreTables";
    /** Partitions the run's backup calls wrote (an AtomicLong the calls of a split add to). */
    public static final String WRITTEN = "DdbSyncBackupWritten";
    public static final String FILES = "files";
    public static final String SQL = "sql";

    public String prepare(Exchange exchange, String job, String backupRoot, String restoreRoot, boolean createTarget) throws IOException {
        SyncWindow window = exchange.getProperty(SyncProperties.WINDOW, SyncWindow.class);
        List<OfflineTable> tables = tables(exchange);
        boolean whole = (window == null || window.isAll()) && tables.stream().allMatch(t -> t.getColumns().isEmpty());
        String mode = whole ? FILES : SQL;
        Path backup = Path.of(backupRoot).toAbsolutePath().resolve(job).resolve(mode);
        String restore = restoreRoot.endsWith("/") ? restoreRoot + job + "/" + mode : restoreRoot + "/" + job + "/" + mode;
        if (mode.equals(SQL)) emptyDirectory(backup);
        Files.createDirectories(backup);
        exchange.setProperty(MODE, mode);
        List<BackupUnit> units = units(exchange, tables, whole);
        exchange.setProperty(UNITS, units);
        List<BackupUnit> restoredWhole = createTarget ? restoredWhole(units, tables) : List.of();
        Set<String> byDatabase = new HashSet<>();
        for (BackupUnit u : restoredWhole) byDatabase.add(u.database());
        exchange.setProperty(RESTORE_DB, restoredWhole);
        exchange.setProperty(RESTORE_TABLES, tables.stream().filter(t -> !byDatabase.contains(t.getDatabase())).toList());
        exchange.setProperty(WRITTEN, new AtomicLong());
        exchange.getIn().setHeader(SyncProperties.BACKUP_PATH, backup.toString());
        exchange.getIn().setHeader(SyncProperties.RESTORE_PATH, restore);
        SyncRuns.report(exchange).fact("backup", mode + " backup of " + units.size() + (units.size() == 1 ? " unit " : " units ")
                + (units.size() > 10 ? units.subList(0, 10) + "..." : units) + " in " + backup + ", restored from " + restore);
        return mode;
    }

    /**
     * Before a unit's backup call: a SQL backup selects the table's columns in its window. A table of
     * a SQL job with neither (the window is another table's business, or none) names every column, so
     * that its backup is a SQL one too: one directory holds one kind (S01022).
     */
    public void select(Exchange exchange, BackupUnit unit) {
        if (!SQL.equals(exchange.getProperty(MODE, String.class))) return;
        OfflineTable t = unit.source();
        String columns = t.getColumns().isEmpty()
                ? String.join(", ", t.getSchema().columns().stream().map(TableSchema.Column::name).toList()) : t.getColumns();
        exchange.getMessage().setHeader(DolphinDBConstants.WHERE, t.getWhere());
        exchange.getMessage().setHeader(DolphinDBConstants.COLUMNS, columns);
    }

    /** After a unit's backup call: its partitions written count toward the run's. */
    public void written(Exchange exchange, Object partitions) {
        if (partitions instanceof Number n) exchange.getProperty(WRITTEN, AtomicLong.class).addAndGet(n.longValue());
    }

    @SuppressWarnings("unchecked")
    private static List<OfflineTable> tables(Exchange exchange) {
        return exchange.getProperty(OfflineTables.TABLES, List.of(), List.class);
    }

    /** One unit per database the job takes whole (files only), else one per table. */
    private static List<BackupUnit> units(Exchange exchange, List<OfflineTable> tables, boolean files) {
        Set<String> wholeDatabases = OfflineTables.wholeDatabases(exchange);
        List<BackupUnit> units = new ArrayList<>();
        Set<String> added = new HashSet<>();
        for (OfflineTable t : tables) {
            if (files && wholeDatabases.contains(t.getDatabase())) {
                if (added.add(t.getDatabase())) units.add(new BackupUnit(t.getDatabase(), null, t.getTargetDatabase()));
            } else {
                units.add(new BackupUnit(t.getDatabase(), t, t.getTargetDatabase()));
            }
        }
        return units;
    }

    /**
     * The whole-database units restoreDB can restore: every table keeps its name and goes to the same
     * target database (restoreDB renames a database, not its tables).
     */
    private static List<BackupUnit> restoredWhole(List<BackupUnit> units, List<OfflineTable> tables) {
        List<BackupUnit> out = new ArrayList<>();
        for (BackupUnit u : units) {
            if (!u.isWholeDatabase()) continue;
            boolean sameNames = tables.stream().filter(t -> t.getDatabase().equals(u.database()))
                    .allMatch(t -> t.getTable().equals(t.getTargetTable()) && t.getTargetDatabase().equals(u.targetDatabase()) && t.getColumns().isEmpty());
            if (sameNames) out.add(u);
        }
        return out;
    }

    private static void emptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) Files.delete(p);
            }
        }
    }
}
