package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import io.ddbsync.standin.dfs.*;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.script.Session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.Callable;

/**
 * backup(backupDir, dbPath, ...): copies partitions of a database's tables into the backup
 * directory. Incremental unless forced: a partition whose entry is whole and records the source's
 * current cid is skipped, which is also how a re-run resumes an interrupted backup. With
 * snapshot (and no partition argument) entries of partitions and tables gone from the source are
 * deleted. Returns the number of partitions written.
 */
public final class CopyFileBackup {

    /** What to back up. {@code tableNames} empty = every table; {@code partition} null = every partition. */
    public record Request(Path backupDir, Database db, List<String> tableNames, Entity partition,
                          boolean force, boolean parallel, boolean snapshot) {}

    private final Session session;
    private final Request request;
    private final ChunkStore store;

    private CopyFileBackup(Session session, Request request) {
        this.session = session;
        this.request = request;
        this.store = ChunkStore.forWriting(BackupMethod.COPY_FILE, session.node());
    }

    public static int run(Session session, Request request) {
        return new CopyFileBackup(session, request).run();
    }

    private int run() {
        Database db = request.db();
        List<DfsTable> tables = new ArrayList<>();
        if (request.tableNames().isEmpty()) tables.addAll(db.tables());
        else for (String name : request.tableNames()) tables.add(db.requireTable(name));
        for (DfsTable t : tables) new TableHandle(t).checkRead(session);
        BackupDirectory.requireMethod(request.backupDir(), BackupMethod.COPY_FILE);
        Map<DfsTable, List<DfsTable.PartitionInfo>> selected = selectPartitions(tables);
        int written = 0;
        for (DfsTable t : tables) written += backupTable(t, selected.get(t));
        if (request.snapshot() && request.partition() == null && request.tableNames().isEmpty()) removeDroppedTables();
        return written;
    }

    /** The partitions to back up, per table; S01020 when the partition argument names partitions that hold no data. */
    private Map<DfsTable, List<DfsTable.PartitionInfo>> selectPartitions(List<DfsTable> tables) {
        Map<DfsTable, List<DfsTable.PartitionInfo>> out = new LinkedHashMap<>();
        Entity spec = request.partition();
        if (spec == null) {
            for (DfsTable t : tables) out.put(t, t.partitionInfos());
            return out;
        }
        boolean pathForm = PartitionSelector.isPathForm(spec);
        Set<String> requested = new LinkedHashSet<>(pathForm ? PartitionSelector.paths(spec) : PartitionSelector.byFilter(request.db(), levelFilters(spec)));
        Set<String> found = new HashSet<>();
        for (DfsTable t : tables) {
            List<DfsTable.PartitionInfo> mine = new ArrayList<>();
            for (DfsTable.PartitionInfo p : t.partitionInfos()) {
                if (requested.contains(p.path())) {
                    mine.add(p);
                    found.add(p.path());
                }
            }
            out.put(t, mine);
        }
        // a listed path must exist; a filter may select empty partitions as long as it selects some with data
        boolean missing = pathForm ? !found.containsAll(requested) : found.isEmpty();
        if (missing) throw new ScriptException("The specified partitions must already exist in the database. RefId:S01020");
        return out;
    }

    /** For a COMPO database a plain value or vector (partition=2017.08.09) filters the first level and leaves the others open. */
    private Entity levelFilters(Entity spec) {
        if (!request.db().isCompo() || spec instanceof com.xxdb.data.BasicAnyVector) return spec;
        com.xxdb.data.BasicAnyVector tuple = new com.xxdb.data.BasicAnyVector(1);
        tuple.setEntity(0, spec);
        return tuple;
    }

    private int backupTable(DfsTable t, List<DfsTable.PartitionInfo> partitions) {
        Database db = request.db();
        Path dir = BackupLayout.tableDir(request.backupDir(), db.path(), t.name());
        TableBackupMeta meta = TableBackupMeta.of(BackupMethod.COPY_FILE, t, t.columns());
        BackupJob job = BackupJob.start(session.node(), session.user(), BackupMethod.COPY_FILE, false, db.path(), t.name());
        job.total(partitions.size());
        try {
            Files.createDirectories(dir);
            if (schemaChanged(dir, meta)) {
                // entries of an older schema could not be restored with the new metadata
                for (String id : store.chunkIds(dir)) store.delete(dir, id);
            }
            boolean force = request.force();
            meta.write(dir);
            BackupDomain.of(db).write(dir);
            store.removeLeftovers(dir);
            List<Callable<Boolean>> work = new ArrayList<>();
            for (DfsTable.PartitionInfo p : partitions) work.add(() -> backupPartition(t, dir, p, force, job));
            int written = 0;
            for (boolean w : PartitionWork.run(work, request.parallel(), "backup")) if (w) written++;
            if (request.snapshot() && request.partition() == null) removeDroppedPartitions(t, dir);
            return written;
        } catch (IOException e) {
            throw new ScriptException("Failed to back up table " + db.path() + "/" + t.name() + " to " + dir + ": " + e.getMessage());
        } finally {
            job.finish();
        }
    }

    private static boolean schemaChanged(Path dir, TableBackupMeta now) {
        if (!Files.isRegularFile(dir.resolve(BackupLayout.META))) return false;
        try {
            TableBackupMeta before = TableBackupMeta.read(dir);
            return before.method() != now.method() || !before.columns().equals(now.columns()) || !before.partitionColumns().equals(now.partitionColumns());
        } catch (ScriptException unreadable) {
            return true;
        }
    }

    /** Backs up one partition unless its entry is already current; returns whether it wrote. */
    private boolean backupPartition(DfsTable t, Path dir, DfsTable.PartitionInfo p, boolean force, BackupJob job) {
        String id = BackupLayout.chunkId(t.database().path(), p.path(), t.name());
        try {
            if (!force && isCurrent(dir, id, p)) return false;
            // p was listed before reading, so the recorded cid is never newer than the rows: at worst the next run copies again
            BasicTable rows = t.read(p.path());
            store.write(dir, new ChunkMeta(p.path(), id, p.version(), rows.rows(), p.updateTime(), List.of()), rows);
            return true;
        } finally {
            job.partitionDone();
        }
    }

    private boolean isCurrent(Path dir, String id, DfsTable.PartitionInfo p) {
        if (!Files.exists(dir.resolve(id))) return false;
        try {
            ChunkMeta m = store.readMeta(dir, id);
            return m.cid() == p.version() && m.partition().equals(p.path()) && store.looksComplete(dir, m);
        } catch (CorruptChunkException e) {
            return false;
        }
    }

    private void removeDroppedPartitions(DfsTable t, Path dir) {
        Set<String> live = new HashSet<>();
        for (String path : t.partitionPaths()) live.add(BackupLayout.chunkId(t.database().path(), path, t.name()));
        for (String id : store.chunkIds(dir)) if (!live.contains(id)) store.delete(dir, id);
    }

    private void removeDroppedTables() {
        Database db = request.db();
        for (Path tableDir : BackupLayout.tableDirsOfDb(request.backupDir().resolve(db.name()))) {
            String name = tableDir.getFileName().toString();
            if (db.table(name) == null) BackupLayout.deleteTree(tableDir);
        }
    }
}
