package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
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

    static ChunkStore of(BackupMethod method) {
        return method == BackupMethod.SQL ? new SqlChunkStore() : new CopyFileChunkStore();
    }

    /** Chunk IDs of the entries present under their final names (whole or damaged). */
    abstract List<String> chunkIds(Path tableDir);

    /** The entry's own record; a {@link CorruptChunkException} when it is missing or damaged. */
    abstract ChunkMeta readMeta(Path tableDir, String chunkId);

    /** Writes one partition's rows as the entry {@code meta.chunkId()}, replacing any previous one. */
    abstract void write(Path tableDir, ChunkMeta meta, BasicTable rows);

    /** Whether the entry's files are all there with the recorded sizes (file-system metadata only, no data read). */
    abstract boolean looksComplete(Path tableDir, ChunkMeta meta);

    /** Reads every byte of the entry and checks it against its record; a {@link CorruptChunkException} if it differs. */
    abstract void verify(Path tableDir, String chunkId);

    /** The entry's rows, with the columns of the backup. */
    abstract BasicTable load(Path tableDir, String chunkId, TableBackupMeta table);

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
