package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Scalar;
import com.xxdb.data.Vector;
import io.ddbsync.standin.dfs.Database;
import io.ddbsync.standin.dfs.DfsTable;
import io.ddbsync.standin.dfs.PartitionScheme;
import io.ddbsync.standin.dfs.TableHandle;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.script.Session;
import io.ddbsync.standin.value.Vectors;

import java.util.*;

/**
 * Restores partitions of one table's backup into a table. Every selected partition is checked
 * against its checksums and loaded before anything is written, and the writes are one storage
 * transaction, so a damaged backup leaves the target exactly as it was. A copy-files backup
 * replaces the target's partitions that differ; a SQL backup appends its rows.
 */
final class Restorer {

    /** How to restore: force = every selected partition, not only those that differ; snapshot = also drop target partitions absent from the backup. */
    record Options(PartitionPattern pattern, boolean force, boolean snapshot) {}

    private Restorer() {
    }

    /** Returns the chunk paths restored, "dfs://db/path/physicalIndex", in partition order. */
    static List<String> restore(Session session, TableBackupDir backup, DfsTable target, Options options) {
        new TableHandle(target).checkWrite(session);
        BackupMethod method = backup.meta.method();
        if (method == BackupMethod.SQL && options.snapshot()) {
            throw new ScriptException("snapshot can't be set when restoring a backup made with a SQL statement (" + backup.qualifiedName() + ")");
        }
        Compatibility.check(backup, target);
        List<TableBackupDir.Entry> selected = backup.select(options.pattern());
        BackupJob job = BackupJob.start(session.node(), session.user(), method, true, target.database().path(), target.name());
        job.total(selected.size());
        try {
            SortedMap<String, BasicTable> rows = loadVerified(backup, selected);
            SortedMap<String, BasicTable> changed = new TreeMap<>();
            for (Map.Entry<String, BasicTable> e : rows.entrySet()) {
                if (options.force() || !SameRows.of(target.read(e.getKey()), e.getValue())) changed.put(e.getKey(), e.getValue());
                job.partitionDone();
            }
            if (method == BackupMethod.COPY_FILE) replace(target, changed, rows.keySet(), options);
            else append(target, changed.values());
            List<String> paths = new ArrayList<>();
            for (String p : changed.keySet()) paths.add(BackupLayout.dfsChunkPath(target.database().path(), p, target.physicalIndex()));
            return paths;
        } finally {
            job.finish();
        }
    }

    /** Checks every selected entry, then loads them all; one damaged entry fails the restore before any write. */
    private static SortedMap<String, BasicTable> loadVerified(TableBackupDir backup, List<TableBackupDir.Entry> selected) {
        List<String> problems = new ArrayList<>();
        for (TableBackupDir.Entry e : selected) {
            if (e.meta() == null) {
                problems.add("the partition in entry " + e.chunkId() + " is corrupted: " + e.problem());
                continue;
            }
            try {
                backup.store.verify(backup.dir, e.chunkId());
            } catch (CorruptChunkException c) {
                problems.add("the partition " + e.partition() + " (chunk " + e.chunkId() + ") is corrupted: " + c.getMessage());
            }
        }
        SortedMap<String, BasicTable> rows = new TreeMap<>();
        if (problems.isEmpty()) {
            for (TableBackupDir.Entry e : selected) {
                try {
                    rows.put(e.partition(), backup.store.load(backup.dir, e.chunkId(), backup.meta));
                } catch (CorruptChunkException c) {
                    problems.add("the partition " + e.partition() + " (chunk " + e.chunkId() + ") is corrupted: " + c.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ScriptException("Failed to restore " + backup.qualifiedName() + " from " + backup.dir.getParent().getParent() + ": "
                    + String.join("; ", problems) + ". Nothing was restored; back the partition up again with force=true.");
        }
        return rows;
    }

    private static void replace(DfsTable target, SortedMap<String, BasicTable> changed, Set<String> inBackup, Options options) {
        Database db = target.database();
        for (String p : changed.keySet()) {
            if (!target.isDimension() && !Compatibility.pathInScheme(db, p)) {
                throw new ScriptException("The partition " + p + " of the backup is not in the partitioning scheme of the target database " + db.path());
            }
        }
        Map<String, BasicTable> writes = new LinkedHashMap<>(changed);
        if (options.snapshot() && options.pattern().isAll()) {
            for (String p : target.partitionPaths()) if (!inBackup.contains(p)) writes.put(p, target.emptyTable());
        }
        target.replacePartitions(writes);
    }

    private static void append(DfsTable target, Collection<BasicTable> parts) {
        if (parts.isEmpty()) return;
        BasicTable all = target.concat(new ArrayList<>(parts));
        addMissingValuePartitions(target, all);
        target.append(all);
    }

    /** As 3.00.2.5 does for SQL backups: values the target's VALUE levels lack become new partitions instead of being dropped. */
    private static void addMissingValuePartitions(DfsTable target, BasicTable rows) {
        if (target.isDimension()) return;
        Database db = target.database();
        boolean added = false;
        for (int l = 0; l < db.levels().size(); l++) {
            if (!(db.levels().get(l) instanceof PartitionScheme.Value v)) continue;
            Vector col = rows.getColumn(target.columnIndex(target.partitionColumns().get(l)));
            Vector converted = v.convertForRouting(col);
            int[] at = v.route(converted);
            for (int i = 0; i < at.length; i++) {
                if (at[i] >= 0 || converted.isNull(i)) continue;
                Scalar s = Vectors.scalarAt(converted, i);
                v.add(s);
                added = true;
            }
        }
        if (added) db.persistDomain();
    }
}
