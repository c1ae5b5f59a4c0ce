package io.ddbsync.standin.backup;

import io.ddbsync.standin.script.ScriptException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One table's backup on disk, as the reading functions (restore, checkBackup, getBackupList ...) see it. */
final class TableBackupDir {
    final Path dir;
    final TableBackupMeta meta;
    final BackupDomain domain;
    final ChunkStore store;

    /** One partition entry; {@code meta} is null when its record is damaged, and {@code problem} says how. */
    record Entry(String chunkId, ChunkMeta meta, String problem) {
        String partition() {
            return meta == null ? null : meta.partition();
        }
    }

    private TableBackupDir(Path dir) {
        this.dir = dir;
        this.meta = TableBackupMeta.read(dir);
        this.domain = BackupDomain.read(dir);
        this.store = ChunkStore.of(meta.method());
    }

    static boolean exists(Path backupDir, String dbPath, String table) {
        return Files.isRegularFile(BackupLayout.tableDir(backupDir, dbPath, table).resolve(BackupLayout.META));
    }

    static TableBackupDir open(Path backupDir, String dbPath, String table) {
        Path dir = BackupLayout.tableDir(backupDir, dbPath, table);
        if (!Files.isRegularFile(dir.resolve(BackupLayout.META))) {
            throw new ScriptException("There is no backup of table " + dbPath + "/" + table + " in " + backupDir
                    + " (expected " + dir.resolve(BackupLayout.META) + ")");
        }
        return new TableBackupDir(dir);
    }

    static TableBackupDir at(Path tableDir) {
        return new TableBackupDir(tableDir);
    }

    String qualifiedName() {
        return meta.qualifiedName();
    }

    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (String id : store.chunkIds(dir)) {
            try {
                out.add(new Entry(id, store.readMeta(dir, id), null));
            } catch (CorruptChunkException e) {
                out.add(new Entry(id, null, e.getMessage()));
            }
        }
        // whole entries in partition order, then damaged ones by chunk ID
        out.sort(java.util.Comparator.comparing((Entry e) -> e.meta() == null)
                .thenComparing(e -> e.meta() == null ? e.chunkId() : e.partition()));
        return out;
    }

    /**
     * The entries a pattern selects. An entry whose record is damaged cannot tell its partition,
     * so it counts as selected: restore then refuses to proceed rather than silently skip it.
     */
    List<Entry> select(PartitionPattern pattern) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries()) {
            if (e.meta() == null || pattern.matches(meta.dbPath(), e.partition(), meta.physicalIndex())) out.add(e);
        }
        return out;
    }

    /** The entry of one partition given as "/20170807/0_50" (optionally followed by the table's physical index). */
    Entry find(String partition) {
        String p = partition.endsWith("/") && partition.length() > 1 ? partition.substring(0, partition.length() - 1) : partition;
        if (!p.startsWith("/")) p = "/" + p;
        String withoutIndex = p.endsWith("/" + meta.physicalIndex()) ? p.substring(0, p.length() - meta.physicalIndex().length() - 1) : null;
        for (Entry e : entries()) {
            if (e.meta() != null && (e.partition().equals(p) || e.partition().equals(withoutIndex))) return e;
        }
        throw new ScriptException("The partition " + partition + " is not in the backup of table " + qualifiedName() + " in " + dir.getParent().getParent());
    }
}
