package io.ddbsync.standin.backup;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.data.Vector;
import io.ddbsync.standin.script.ScriptException;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * SQL-backup entries: one file {@code <chunkID>.bin} per partition holding the query's rows of that
 * partition. The file starts with a magic tag and the entry's record (length-prefixed text, see
 * {@link ChunkMeta}), followed by the rows as one table in the API's binary form; the record's
 * single file sum covers those rows. Written as {@code <chunkID>.bin.tmp}, then renamed.
 */
final class SqlChunkStore extends ChunkStore {
    static final String SUFFIX = ".bin";
    private static final byte[] MAGIC = "DDBSQLBK".getBytes(StandardCharsets.US_ASCII);
    private static final String DATA = "data";

    private record Parsed(ChunkMeta meta, int dataOffset) {}

    /** A whole entry file whose rows matched its record. */
    private record Verified(byte[] bytes, Parsed parsed) implements Checked {}

    @Override
    List<String> chunkIds(Path tableDir) {
        if (!Files.isDirectory(tableDir)) return List.of();
        try (Stream<Path> s = Files.list(tableDir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX)).map(n -> n.substring(0, n.length() - SUFFIX.length())).sorted().toList();
        } catch (IOException e) {
            throw new ScriptException("Failed to list backup directory " + tableDir + ": " + e.getMessage());
        }
    }

    private static Path file(Path tableDir, String chunkId) {
        return tableDir.resolve(chunkId + SUFFIX);
    }

    @Override
    ChunkMeta readMeta(Path tableDir, String chunkId) {
        Path f = file(tableDir, chunkId);
        try (InputStream in = Files.newInputStream(f)) {
            DataInputStream d = new DataInputStream(in);
            byte[] head = new byte[MAGIC.length + 4];
            d.readFully(head);
            return header(head, d).meta();
        } catch (IOException e) {
            throw new CorruptChunkException("its header is truncated or unreadable: " + e.getMessage());
        }
    }

    /** Parses the header given its first bytes; reads the rest of the record from {@code in}. */
    private static Parsed header(byte[] head, DataInputStream in) throws IOException {
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) throw new CorruptChunkException("it is not a backup file of this format");
        }
        int length = ByteBuffer.wrap(head, MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (length <= 0 || length > (1 << 20)) throw new CorruptChunkException("its header is damaged");
        byte[] text = new byte[length];
        in.readFully(text);
        return new Parsed(ChunkMeta.parse(new String(text, StandardCharsets.UTF_8)), MAGIC.length + 4 + length);
    }

    @Override
    void write(Path tableDir, ChunkMeta meta, BasicTable rows) {
        byte[] data = Entities.toBytes(rows);
        ChunkMeta full = meta.withFiles(List.of(new ChunkMeta.FileSum(DATA, data.length, Checksums.of(data))));
        byte[] text = full.toText().getBytes(StandardCharsets.UTF_8);
        byte[] length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(text.length).array();
        Path target = file(tableDir, meta.chunkId());
        Path tmp = tableDir.resolve(target.getFileName() + BackupLayout.TMP);
        try {
            writeFile(tmp, MAGIC, length, text, data);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw writeFailure(tableDir, meta, e);
        }
    }

    @Override
    boolean looksComplete(Path tableDir, ChunkMeta meta) {
        long size = Entities.size(file(tableDir, meta.chunkId()));
        long expected = MAGIC.length + 4 + meta.toText().getBytes(StandardCharsets.UTF_8).length + meta.files().get(0).size();
        return size == expected;
    }

    /** The whole file, its record, and where the rows start, after checking the rows against the record. */
    @Override
    Checked read(Path tableDir, String chunkId) {
        Path f = file(tableDir, chunkId);
        byte[] all;
        try {
            all = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new CorruptChunkException("it is unreadable: " + e.getMessage());
        }
        if (all.length < MAGIC.length + 4) throw new CorruptChunkException("it is truncated");
        Parsed p;
        try {
            p = header(all, new DataInputStream(new java.io.ByteArrayInputStream(all, MAGIC.length + 4, all.length)));
        } catch (IOException e) {
            throw new CorruptChunkException("its header is truncated");
        }
        ChunkMeta.FileSum sum = p.meta().files().isEmpty() ? null : p.meta().files().get(0);
        if (sum == null) throw new CorruptChunkException("its header lacks the checksum of its rows");
        long dataLength = all.length - p.dataOffset();
        if (dataLength != sum.size()) throw new CorruptChunkException("it holds " + dataLength + " bytes of rows, " + sum.size() + " were written");
        if (!Checksums.of(all, p.dataOffset(), (int) dataLength).equals(sum.checksum())) {
            throw new CorruptChunkException("the checksum of its rows doesn't match");
        }
        return new Verified(all, p);
    }

    @Override
    BasicTable decode(Checked entry, TableBackupMeta table) {
        Verified v = (Verified) entry;
        byte[] all = v.bytes();
        Parsed p = v.parsed();
        try {
            Entity e = Entities.fromBytes(all, p.dataOffset(), all.length - p.dataOffset());
            if (!(e instanceof BasicTable t) || t.columns() != table.columns().size()) throw new CorruptChunkException("its rows don't have the backup's columns");
            // the columns take the backup's names, whatever the query called them on the way
            List<String> names = new ArrayList<>();
            List<Vector> cols = new ArrayList<>();
            for (int c = 0; c < t.columns(); c++) {
                names.add(table.columns().get(c).name());
                cols.add(t.getColumn(c));
            }
            return new BasicTable(names, cols);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptChunkException c) throw c;
            throw new CorruptChunkException("its rows are unreadable: " + e.getMessage());
        }
    }

    @Override
    void delete(Path tableDir, String chunkId) {
        BackupLayout.deleteTree(file(tableDir, chunkId));
    }
}
