package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import io.ddbsync.standin.dfs.DfsTable;
import io.ddbsync.standin.dfs.TableHandle;
import io.ddbsync.standin.script.*;
import io.ddbsync.standin.sql.PartitionPruner;
import io.ddbsync.standin.sql.SqlEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * backup(backupDir, &lt;select ... from loadTable(...) where ...&gt;, ...): runs the query partition
 * by partition (only the partitions its where clause can match) and writes each partition's rows
 * as one entry. Incremental unless forced: a partition whose source cid is the one its entry
 * records is skipped. Deletions are never propagated. Returns the number of partitions written.
 */
public final class SqlBackup {
    private SqlBackup() {
    }

    public static int run(Session session, Path backupDir, MetaCode code, boolean force) {
        if (!(code.expr() instanceof Ast.Select s) || s.exec() || s.from() == null) {
            throw new ScriptException("The sqlObj of backup must be the metacode of a select over a DFS table, such as <select * from loadTable(\"dfs://db\", \"t\")>");
        }
        Interpreter in = session.interpreter();
        Scope scope = Scope.global(session);
        Entity from = in.eval(s.from(), scope);
        if (!(from instanceof TableHandle handle)) {
            throw new ScriptException("backup with a SQL statement backs up a DFS table: the from clause must be loadTable(...) or a handle to a DFS table");
        }
        handle.checkRead(session);
        BackupDirectory.requireMethod(backupDir, BackupMethod.SQL);
        DfsTable t = handle.table();
        ChunkStore store = ChunkStore.forWriting(BackupMethod.SQL, session.node());
        Path dir = BackupLayout.tableDir(backupDir, t.database().path(), t.name());
        List<DfsTable.Column> columns = TableBackupMeta.columnsOf(SqlEngine.projectRows(in, s, t.emptyTable(), scope));
        TableBackupMeta meta = TableBackupMeta.of(BackupMethod.SQL, t, columns);
        BackupJob job = BackupJob.start(session.node(), session.user(), BackupMethod.SQL, false, t.database().path(), t.name());
        try {
            Files.createDirectories(dir);
            if (metadataDiffers(dir, columns)) {
                // the query's columns changed: older entries would not match the new metadata
                for (String id : store.chunkIds(dir)) store.delete(dir, id);
            }
            meta.write(dir);
            BackupDomain.of(t.database()).write(dir);
            store.removeLeftovers(dir);
            Map<String, DfsTable.PartitionInfo> infos = new HashMap<>();
            for (DfsTable.PartitionInfo p : t.partitionInfos()) infos.put(p.path(), p);
            List<String> candidates = PartitionPruner.candidates(in, t, s.where(), scope);
            job.total(candidates.size());
            int written = 0;
            // the interpreter serves one session at a time, so partitions are queried one after another even when parallel is asked
            for (String path : candidates) {
                DfsTable.PartitionInfo p = infos.get(path);
                try {
                    if (p == null) continue;
                    String id = BackupLayout.chunkId(t.database().path(), path, t.name());
                    if (!force && isCurrent(store, dir, id, p)) continue;
                    BasicTable rows = SqlEngine.selectPartition(in, s, t, path, scope);
                    if (rows.rows() == 0) continue;
                    if (!TableBackupMeta.columnsOf(rows).equals(columns)) {
                        throw new ScriptException("The select of the backup returned different columns for partition " + path + " than for the table");
                    }
                    store.write(dir, new ChunkMeta(path, id, p.version(), rows.rows(), p.updateTime(), List.of()), rows);
                    written++;
                } finally {
                    job.partitionDone();
                }
            }
            return written;
        } catch (IOException e) {
            throw new ScriptException("Failed to back up table " + t.database().path() + "/" + t.name() + " to " + dir + ": " + e.getMessage());
        } finally {
            job.finish();
        }
    }

    private static boolean metadataDiffers(Path dir, List<DfsTable.Column> columns) {
        if (!Files.isRegularFile(dir.resolve(BackupLayout.META))) return false;
        try {
            TableBackupMeta before = TableBackupMeta.read(dir);
            return before.method() != BackupMethod.SQL || !before.columns().equals(columns);
        } catch (ScriptException unreadable) {
            return true;
        }
    }

    /** A missing entry reads as damaged, so it is simply not current. */
    private static boolean isCurrent(ChunkStore store, Path dir, String id, DfsTable.PartitionInfo p) {
        try {
            ChunkMeta m = store.readMeta(dir, id);
            return m.cid() == p.version() && store.looksComplete(dir, m);
        } catch (CorruptChunkException e) {
            return false;
        }
    }
}
