package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
import io.ddbsync.standin.StandInNode;
import io.ddbsync.standin.script.ScriptException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The partition entries of one table's backup directory, in the form its backup method uses.
 * Every entry is written under a temporary name and renamed into place only when complete, so an
 * interrupted backup leaves either the previous entry, no entry, or a temporary that the next run
 * deletes, never a partial entry under its final name.
 */
abstract class ChunkStore {
    /**
     * Whether each file written is forced to disk (fsync) before it is renamed into place. Off by
     * default, as DolphinDB's dataSync (default 0) leaves writing back to the operating system;
     * {@code --set dataSync=1} turns it on. A temporary renamed into place is whole either way
     * when only the process dies (kill -9): the page cache keeps what was written.
     */
    private boolean forceToDisk;

    static ChunkStore of(BackupMethod method) {
        return method == BackupMethod.SQL ? new SqlChunkStore() : new CopyFileChunkStore();
    }

    /** A store for a backup on {@code node}: it forces its files to disk when the node's dataSync is 1. */
    static ChunkStore forWriting(BackupMethod method, StandInNode node) {
        ChunkStore store = of(method);
        store.forceToDisk = "1".equals(node.config("dataSync", "0").trim());
        return store;
    }

    /** Writes a file of the entry: see {@link #forceToDisk}. */
    void writeFile(Path file, byte[]... parts) throws IOException {
        Entities.write(file, forceToDisk, parts);
    }

    /** Chunk IDs of the entries present under their final names (whole or damaged). */
    abstract List<String> chunkIds(Path tableDir);

    /** The entry's own record; a {@link CorruptChunkException} when it is missing or damaged. */
    abstract ChunkMeta readMeta(Path tableDir, String chunkId);

    /** Writes one partition's rows as the entry {@code meta.chunkId()}, replacing any previous one. */
    abstract void write(Path tableDir, ChunkMeta meta, BasicTable rows);

    /** Whether the entry's files are all there with the recorded sizes (file-system metadata only, no data read). */
    abstract boolean looksComplete(Path tableDir, ChunkMeta meta);

    /** An entry's bytes as {@link #read} read them, already checked against its record. */
    interface Checked {
    }

    /**
     * Reads every byte of the entry and checks it against its record; a {@link CorruptChunkException}
     * if it differs. Each file is read once: {@link #decode} takes the rows from the same bytes.
     */
    abstract Checked read(Path tableDir, String chunkId);

    /**
     * As {@link #read(Path, String)}, for an entry whose record {@code meta} the caller has just read
     * ({@link #readMeta}, listing the entries): a store that keeps the record apart from the data
     * need not read it again. By default the entry is read whole, its record with it.
     */
    Checked read(Path tableDir, ChunkMeta meta) {
        return read(tableDir, meta.chunkId());
    }

    /** The rows of an entry {@link #read} checked, with the columns of the backup; a {@link CorruptChunkException} when they can't be decoded. */
    abstract BasicTable decode(Checked entry, TableBackupMeta table);

    /** Reads every byte of the entry, whose record {@code meta} was just read, and checks it against that record; a {@link CorruptChunkException} if it differs. */
    final void verify(Path tableDir, ChunkMeta meta) {
        read(tableDir, meta);
    }

    /** The entry's rows, with the columns of the backup, after checking them against its record. */
    final BasicTable load(Path tableDir, String chunkId, TableBackupMeta table) {
        return decode(read(tableDir, chunkId), table);
    }

    abstract void delete(Path tableDir, String chunkId);

    /** Deletes what an interrupted run left behind: temporaries, and entries set aside while being replaced. */
    void removeLeftovers(Path tableDir) {
        if (!Files.isDirectory(tableDir)) return;
        try (Stream<Path> s = Files.list(tableDir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(BackupLayout.TMP) || name.endsWith(BackupLayout.OLD)) BackupLayout.deleteTree(p);
            }
        } catch (IOException e) {
            throw new ScriptException("Failed to clean backup directory " + tableDir + ": " + e.getMessage());
        }
    }

    static boolean isLeftover(String name) {
        return name.endsWith(BackupLayout.TMP) || name.endsWith(BackupLayout.OLD);
    }

    static ScriptException writeFailure(Path tableDir, ChunkMeta meta, IOException e) {
        return new ScriptException("Failed to back up partition " + meta.partition() + " to " + tableDir + ": " + e.getMessage());
    }
}
