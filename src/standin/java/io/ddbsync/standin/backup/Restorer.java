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
import java.util.concurrent.Callable;

/**
 * Restores partitions of one table's backup into a table. Every selected partition is checked
 * against its checksums and loaded before anything is written, and the writes are one storage
 * transaction, so a damaged backup leaves the target exactly as it was. A copy-files backup
 * replaces the target's partitions that differ; a SQL backup appends its rows.
 */
final class Restorer {

    /**
     * How to restore: force = every selected partition, not only those that differ; snapshot = also
     * drop target partitions absent from the backup; parallel = read and compare the partitions on
     * a pool of workers.
     */
    record Options(PartitionPattern pattern, boolean force, boolean snapshot, boolean parallel) {}

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
            SortedMap<String, BasicTable> rows = loadVerified(backup, selected, options.parallel());
            // which partitions differ from the target's: a read of each, on the pool too when parallel
            List<Callable<Boolean>> compares = new ArrayList<>();
            for (Map.Entry<String, BasicTable> e : rows.entrySet()) {
                compares.add(() -> {
                    boolean differs = options.force() || !SameRows.of(target.read(e.getKey()), e.getValue());
                    job.partitionDone();
                    return differs;
                });
            }
            List<Boolean> differs = PartitionWork.run(compares, options.parallel(), "restore");
            SortedMap<String, BasicTable> changed = new TreeMap<>();
            int i = 0;
            for (Map.Entry<String, BasicTable> e : rows.entrySet()) {
                if (differs.get(i++)) changed.put(e.getKey(), e.getValue());
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

    /**
     * Every selected entry, read once, checked against its record and decoded (on the pool of
     * {@link PartitionWork} when parallel). One damaged entry fails the restore before any write:
     * all damaged entries are reported, or when none is damaged, those that cannot be decoded.
     */
    private static SortedMap<String, BasicTable> loadVerified(TableBackupDir backup, List<TableBackupDir.Entry> selected, boolean parallel) {
        List<Callable<Loaded>> tasks = new ArrayList<>();
        for (TableBackupDir.Entry e : selected) tasks.add(() -> load(backup, e));
        List<String> damaged = new ArrayList<>();
        List<String> undecodable = new ArrayList<>();
        SortedMap<String, BasicTable> rows = new TreeMap<>();
        for (Loaded l : PartitionWork.run(tasks, parallel, "restore")) {
            if (l.damaged() != null) damaged.add(l.damaged());
            else if (l.undecodable() != null) undecodable.add(l.undecodable());
            else rows.put(l.partition(), l.rows());
        }
        List<String> problems = damaged.isEmpty() ? undecodable : damaged;
        if (!problems.isEmpty()) {
            throw new ScriptException("Failed to restore " + backup.qualifiedName() + " from " + backup.dir.getParent().getParent() + ": "
                    + String.join("; ", problems) + ". Nothing was restored; back the partition up again with force=true.");
        }
        return rows;
    }

    /** One entry as {@link #load} found it: its rows, or what is wrong with it (damaged: it differs from its record). */
    private record Loaded(String partition, BasicTable rows, String damaged, String undecodable) {
    }

    private static Loaded load(TableBackupDir backup, TableBackupDir.Entry e) {
        if (e.meta() == null) return new Loaded(null, null, "the partition in entry " + e.chunkId() + " is corrupted: " + e.problem(), null);
        String which = "the partition " + e.partition() + " (chunk " + e.chunkId() + ") is corrupted: ";
        ChunkStore.Checked checked;
        try {
            checked = backup.store.read(backup.dir, e.meta());
        } catch (CorruptChunkException c) {
            return new Loaded(e.partition(), null, which + c.getMessage(), null);
        }
        try {
            return new Loaded(e.partition(), backup.store.decode(checked, backup.meta), null, null);
        } catch (CorruptChunkException c) {
            return new Loaded(e.partition(), null, null, which + c.getMessage());
        }
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
