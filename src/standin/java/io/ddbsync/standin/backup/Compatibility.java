package io.ddbsync.standin.backup;

import io.ddbsync.standin.dfs.Database;
import io.ddbsync.standin.dfs.DfsTable;
import io.ddbsync.standin.dfs.PartitionScheme;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.value.Vectors;

import java.util.*;

/**
 * Whether a backup may be restored into a table, by the manual's rule: the same partitioning
 * (for a VALUE level, the backup's values a subset of the target's) and the same columns. Each
 * refusal names both sides.
 */
final class Compatibility {
    private Compatibility() {
    }

    static void check(TableBackupDir backup, DfsTable target) {
        checkPartitioning(backup, target);
        checkColumns(backup.meta, target);
    }

    /** The partitioning check alone, for a table restore is about to create in {@code db} with the backup's columns. */
    static void checkDatabase(TableBackupDir backup, Database db, String tableName) {
        checkPartitioning(backup, db, db.path() + "/" + tableName, backup.meta.dimension(), backup.meta.partitionColumns());
    }

    private static void checkPartitioning(TableBackupDir backup, DfsTable target) {
        checkPartitioning(backup, target.database(), target.database().path() + "/" + target.name(), target.isDimension(), target.partitionColumns());
    }

    private static void checkPartitioning(TableBackupDir backup, Database db, String targetName, boolean targetDimension, List<String> targetColumns) {
        TableBackupMeta meta = backup.meta;
        List<PartitionScheme> ours = backup.domain.levels();
        List<PartitionScheme> theirs = db.levels();
        boolean same = meta.dimension() == targetDimension;
        if (same && !meta.dimension()) {
            same = ours.size() == theirs.size() && sameColumns(meta.partitionColumns(), targetColumns);
            for (int l = 0; same && l < ours.size(); l++) same = sameLevel(ours.get(l), theirs.get(l));
        }
        if (!same) {
            throw new ScriptException("The partitioning of the backup of " + meta.qualifiedName() + " ("
                    + describe(meta.dimension(), meta.partitionColumns(), backup.domain.engine(), ours) + ") doesn't match that of the target table "
                    + targetName + " (" + describe(targetDimension, targetColumns, db.engine(), theirs) + ")");
        }
        // VALUE levels: a copy-files backup must fit the target's values; a SQL backup adds what is missing as it appends
        if (meta.method() == BackupMethod.COPY_FILE && !meta.dimension()) {
            for (int l = 0; l < ours.size(); l++) {
                if (ours.get(l).typeCode() != PartitionScheme.VALUE) continue;
                List<String> missing = missingValues(ours.get(l), theirs.get(l));
                if (!missing.isEmpty()) {
                    throw new ScriptException("The VALUE partitioning scheme of the backup of " + meta.qualifiedName()
                            + " must be a subset of that of the target database " + db.path() + ", which lacks "
                            + String.join(", ", missing.subList(0, Math.min(5, missing.size()))) + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : ""));
                }
            }
        }
    }

    private static String describe(boolean dimension, List<String> columns, String engine, List<PartitionScheme> levels) {
        if (dimension) return engine + " dimension table, not partitioned";
        return BackupDomain.describe(engine, levels) + " on " + String.join(", ", columns);
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!a.get(i).equalsIgnoreCase(b.get(i))) return false;
        return true;
    }

    private static boolean sameLevel(PartitionScheme a, PartitionScheme b) {
        if (a.typeCode() != b.typeCode() || a.columnType() != b.columnType()) return false;
        return switch (a.typeCode()) {
            case PartitionScheme.VALUE -> true;
            case PartitionScheme.HASH -> a.size() == b.size();
            case PartitionScheme.RANGE -> Arrays.equals(Vectors.strings((com.xxdb.data.Vector) a.schemaEntity()),
                    Vectors.strings((com.xxdb.data.Vector) b.schemaEntity()));
            default -> a.schemaEntity().getString().equals(b.schemaEntity().getString());
        };
    }

    private static List<String> missingValues(PartitionScheme backup, PartitionScheme target) {
        Set<String> have = new HashSet<>();
        for (int i = 0; i < target.size(); i++) have.add(target.dirName(i));
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < backup.size(); i++) {
            String d = backup.dirName(i);
            if (!d.isEmpty() && !have.contains(d)) missing.add(d);
        }
        return missing;
    }

    private static void checkColumns(TableBackupMeta meta, DfsTable target) {
        List<DfsTable.Column> ours = meta.columns();
        List<DfsTable.Column> theirs = target.columns();
        boolean same = ours.size() == theirs.size();
        for (int i = 0; same && i < ours.size(); i++) {
            DfsTable.Column a = ours.get(i), b = theirs.get(i);
            same = a.name().equalsIgnoreCase(b.name()) && a.type() == b.type() && a.scale() == b.scale();
        }
        if (!same) {
            throw new ScriptException("The schema of the backup of " + meta.qualifiedName() + " " + TableBackupMeta.describe(ours)
                    + " doesn't match the schema of the target table " + target.database().path() + "/" + target.name() + " "
                    + TableBackupMeta.describe(theirs));
        }
    }

    /** Whether a backup partition's path names a partition of the target's scheme (every level). */
    static boolean pathInScheme(Database db, String path) {
        if (path.equals("/")) return true;
        String[] dirs = path.substring(1).split("/");
        if (dirs.length != db.levels().size()) return false;
        for (int l = 0; l < dirs.length; l++) if (db.levels().get(l).indexOfDir(dirs[l]) < 0) return false;
        return true;
    }
}
