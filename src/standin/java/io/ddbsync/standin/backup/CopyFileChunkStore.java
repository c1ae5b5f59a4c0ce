package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;
import io.ddbsync.standin.dfs.DfsTable;
import io.ddbsync.standin.script.ScriptException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copy-files entries: a directory {@code <chunkID>/} with one {@code <column>.col} file per column
 * (the column in the API's binary form) and {@code _chunkMeta}, the entry's record. The directory
 * is built as {@code <chunkID>.tmp/} and renamed when every file is on disk.
 */
final class CopyFileChunkStore extends ChunkStore {
    static final String CHUNK_META = "_chunkMeta";
    static final String COLUMN_SUFFIX = ".col";
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z0-9_]+");

    @Override
    List<String> chunkIds(Path tableDir) {
        if (!Files.isDirectory(tableDir)) return List.of();
        try (Stream<Path> s = Files.list(tableDir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !isLeftover(n)).sorted().toList();
        } catch (IOException e) {
            throw new ScriptException("Failed to list backup directory " + tableDir + ": " + e.getMessage());
        }
    }

    @Override
    ChunkMeta readMeta(Path tableDir, String chunkId) {
        Path file = tableDir.resolve(chunkId).resolve(CHUNK_META);
        if (!Files.isRegularFile(file)) throw new CorruptChunkException("its metadata file " + CHUNK_META + " is missing");
        try {
            return ChunkMeta.parse(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptChunkException c) throw c;
            throw new CorruptChunkException("its metadata is unreadable: " + e.getMessage());
        }
    }

    @Override
    void write(Path tableDir, ChunkMeta meta, BasicTable rows) {
        Path tmp = tableDir.resolve(meta.chunkId() + BackupLayout.TMP);
        try {
            BackupLayout.deleteTree(tmp);
            Files.createDirectories(tmp);
            List<ChunkMeta.FileSum> sums = new ArrayList<>();
            for (int c = 0; c < rows.columns(); c++) {
                byte[] bytes = Entities.toBytes(rows.getColumn(c));
                String name = fileName(rows.getColumnName(c), c);
                writeFile(tmp.resolve(name), bytes);
                sums.add(new ChunkMeta.FileSum(name, bytes.length, Checksums.of(bytes)));
            }
            writeFile(tmp.resolve(CHUNK_META), meta.withFiles(sums).toText().getBytes(StandardCharsets.UTF_8));
            swapIntoPlace(tableDir, meta.chunkId(), tmp);
        } catch (IOException e) {
            throw writeFailure(tableDir, meta, e);
        }
    }

    /** A directory cannot be renamed over a non-empty one, so the old entry is set aside first and deleted last. */
    private static void swapIntoPlace(Path tableDir, String chunkId, Path tmp) throws IOException {
        Path target = tableDir.resolve(chunkId);
        Path old = tableDir.resolve(chunkId + BackupLayout.OLD);
        if (Files.exists(target)) {
            BackupLayout.deleteTree(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        BackupLayout.deleteTree(old);
    }

    /** Column names are identifiers, so they make file names; anything else falls back to the column's position. */
    private static String fileName(String column, int index) {
        return (IDENTIFIER.matcher(column).matches() ? column : "col" + index) + COLUMN_SUFFIX;
    }

    @Override
    boolean looksComplete(Path tableDir, ChunkMeta meta) {
        Path dir = tableDir.resolve(meta.chunkId());
        for (ChunkMeta.FileSum f : meta.files()) {
            if (Entities.size(dir.resolve(f.name())) != f.size()) return false;
        }
        return true;
    }

    /** An entry's record and the contents of its files, in the record's order. */
    private record ReadFiles(ChunkMeta meta, List<byte[]> contents) implements Checked {}

    @Override
    Checked read(Path tableDir, String chunkId) {
        return read(tableDir, readMeta(tableDir, chunkId));
    }

    /** The entry's record is a file of its own: one read of it serves the listing and the check of the files. */
    @Override
    Checked read(Path tableDir, ChunkMeta meta) {
        Path dir = tableDir.resolve(meta.chunkId());
        List<byte[]> contents = new ArrayList<>();
        for (ChunkMeta.FileSum f : meta.files()) {
            byte[] bytes = readFile(dir.resolve(f.name()), f);
            if (!Checksums.of(bytes).equals(f.checksum())) throw new CorruptChunkException("the checksum of its file " + f.name() + " doesn't match");
            contents.add(bytes);
        }
        return new ReadFiles(meta, contents);
    }

    /** A file of an entry, whole, when it has the size its record says (checked before reading: a damaged file may be any size). */
    private static byte[] readFile(Path file, ChunkMeta.FileSum f) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != f.size()) throw new CorruptChunkException("its file " + f.name() + " has " + size + " bytes, " + f.size() + " were written");
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            while (bytes.hasRemaining()) {
                if (ch.read(bytes) < 0) throw new CorruptChunkException("its file " + f.name() + " has " + bytes.position() + " bytes, " + f.size() + " were written");
            }
            return bytes.array();
        } catch (IOException e) {
            if (e instanceof NoSuchFileException || !Files.isRegularFile(file)) throw new CorruptChunkException("its file " + f.name() + " is missing");
            throw new CorruptChunkException("its file " + f.name() + " is unreadable: " + e.getMessage());
        }
    }

    @Override
    BasicTable decode(Checked entry, TableBackupMeta table) {
        ReadFiles read = (ReadFiles) entry;
        ChunkMeta meta = read.meta();
        List<DfsTable.Column> columns = table.columns();
        if (meta.files().size() != columns.size()) {
            throw new CorruptChunkException("it has " + meta.files().size() + " column files, the table has " + columns.size() + " columns");
        }
        List<String> names = new ArrayList<>();
        List<Vector> cols = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            String file = meta.files().get(c).name();
            byte[] bytes = read.contents().get(c);
            try {
                Entity e = Entities.fromBytes(bytes, 0, bytes.length);
                if (!(e instanceof Vector v) || v.rows() != meta.rows()) throw new CorruptChunkException("its file " + file + " doesn't hold " + meta.rows() + " rows");
                names.add(columns.get(c).name());
                cols.add(v);
            } catch (IOException | RuntimeException e) {
                if (e instanceof CorruptChunkException cc) throw cc;
                throw new CorruptChunkException("its file " + file + " is unreadable: " + e.getMessage());
            }
        }
        return new BasicTable(names, cols);
    }

    @Override
    void delete(Path tableDir, String chunkId) {
        BackupLayout.deleteTree(tableDir.resolve(chunkId));
    }
}
