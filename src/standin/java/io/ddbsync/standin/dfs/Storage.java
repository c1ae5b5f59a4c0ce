package io.ddbsync.standin.dfs;

import com.xxdb.data.BasicEntityFactory;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import com.xxdb.io.LittleEndianDataInputStream;
import com.xxdb.io.LittleEndianDataOutputStream;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.wire.ChannelOutput;
import io.ddbsync.standin.wire.EncodedTable;
import io.ddbsync.standin.wire.TableWriter;
import io.ddbsync.standin.wire.WireDataOutput;

import java.io.*;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files of one DFS database. Rows live in segment files, each a table in the API's own binary
 * form, under {@code chunks/<partition path>/<table>/}. Every change is a transaction: new
 * segments are written under temporary names, a commit record naming them (and the segments
 * they replace) is renamed into place atomically, and only then are files renamed and deleted.
 * A restart replays committed records and deletes uncommitted temporaries, so a kill at any
 * moment leaves each partition either as it was or as the transaction made it.
 */
public final class Storage {
    static final String SEGMENT_SUFFIX = ".seg";
    static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    public Storage(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path chunkDir(String partitionPath, String table) {
        return root.resolve("chunks").resolve(partitionPath.substring(1)).resolve(table);
    }

    // ---- entity files -------------------------------------------------------------------------

    public static void writeEntity(Path file, Entity entity) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            LittleEndianDataOutputStream out = new LittleEndianDataOutputStream(os);
            entity.write(out);
            out.flush();
        }
    }

    public static Entity readEntity(Path file) throws IOException {
        try (InputStream is = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            LittleEndianDataInputStream in = new LittleEndianDataInputStream(is);
            short flag = in.readShort();
            int form = flag >> 8;
            int type = flag & 0xff;
            boolean extended = type >= 128;
            if (extended) type -= 128;
            return BasicEntityFactory.instance().createEntity(Entity.DATA_FORM.values()[form], Entity.DATA_TYPE.valueOf(type), in, extended);
        }
    }

    /** Replaces a metadata file atomically: write a temporary, then rename over the old one. */
    public static void writeAtomically(Path file, Entity entity) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
        writeEntity(tmp, entity);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A segment's rows, reading from the file's bytes mapped into memory: columns decode only when
     * used, and a scan sends the stored bytes on as they are. Segment files never change once
     * committed and a mapping outlives the file's deletion, so the rows stay those of the moment
     * of the read even when a later transaction replaces the segment.
     */
    public static BasicTable readSegment(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            // a mapping holds at most 2 GB: a larger segment is decoded whole, as the API reads it
            if (ch.size() > Integer.MAX_VALUE) return (BasicTable) readEntity(file);
            ByteBuffer bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            return EncodedTable.parse(bytes).toTable();
        } catch (IOException | RuntimeException e) {
            throw new ScriptException("Failed to read chunk file " + file.getFileName() + ": " + e.getMessage());
        }
    }

    /**
     * Writes rows as a segment file: the table entity as BasicTable.write has it. Through a
     * channel, stored bytes (an upload in direct memory, ranges of mapped segments) reach the
     * file with the one copy into the page cache.
     */
    static void writeSegment(Path file, BasicTable rows) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            WireDataOutput out = new WireDataOutput(new ChannelOutput(ch));
            TableWriter.write(rows, 0, rows.rows(), out);
            out.flush();
        }
    }

    /** Row count of a segment, read from its header without loading it. */
    public static int segmentRows(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            byte[] h = new byte[6];
            in.readFully(h);
            return (h[2] & 0xff) | (h[3] & 0xff) << 8 | (h[4] & 0xff) << 16 | (h[5] & 0xff) << 24;
        }
    }

    // ---- transactions -------------------------------------------------------------------------

    public Transaction begin(long txid) {
        return new Transaction(txid);
    }

    public final class Transaction {
        private final long txid;
        private final List<Path> staged = new ArrayList<>();
        private final List<Path> removed = new ArrayList<>();
        private int seq;

        private Transaction(long txid) {
            this.txid = txid;
        }

        public long id() {
            return txid;
        }

        /** Writes rows as a new segment of one partition of a table; returns its final path. */
        public Path stage(String partitionPath, String table, BasicTable rows) {
            Path dir = chunkDir(partitionPath, table);
            Path finalPath = dir.resolve(txid + "-" + (seq++) + SEGMENT_SUFFIX);
            Path tmp = dir.resolve(finalPath.getFileName() + TEMP_SUFFIX);
            try {
                Files.createDirectories(dir);
                writeSegment(tmp, rows);
            } catch (IOException e) {
                abort();
                throw new ScriptException("Failed to write chunk " + partitionPath + " of table " + table + ": " + e.getMessage());
            }
            staged.add(tmp);
            return finalPath;
        }

        /**
         * Stores an upload as the new segment of one partition by moving its spool file into
         * place (the bytes as they came, which are that segment); returns its final path, or null
         * when the upload has no spool, and the caller stages the rows the ordinary way.
         */
        public Path stageUpload(String partitionPath, String table, EncodedTable upload) {
            Path dir = chunkDir(partitionPath, table);
            Path finalPath = dir.resolve(txid + "-" + seq + SEGMENT_SUFFIX);
            Path tmp = dir.resolve(finalPath.getFileName() + TEMP_SUFFIX);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                return null;
            }
            if (!upload.moveSpoolTo(tmp)) return null;
            seq++;
            staged.add(tmp);
            return finalPath;
        }

        public void remove(Path segment) {
            removed.add(segment);
        }

        public boolean isEmpty() {
            return staged.isEmpty() && removed.isEmpty();
        }

        /** Makes the transaction durable (the commit record) and applies it. */
        public void commit() {
            if (isEmpty()) return;
            Path log = root.resolve("txlog");
            Path record = log.resolve(txid + ".commit");
            List<String> lines = new ArrayList<>(staged.size() + removed.size());
            try {
                Files.createDirectories(log);
                for (Path p : staged) lines.add("A " + root.relativize(p));
                for (Path p : removed) lines.add("D " + root.relativize(p));
                Path tmp = log.resolve(txid + ".commit" + TEMP_SUFFIX);
                Files.write(tmp, lines);
                Files.move(tmp, record, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                abort();
                throw new ScriptException("Failed to commit transaction " + txid + ": " + e.getMessage());
            }
            // applied from the lines just written, not read back from the record (recover reads it)
            apply(record, lines);
        }

        public void abort() {
            for (Path p : staged) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temporary is removed at the next start
                }
            }
            staged.clear();
        }
    }

    /** Applies a committed transaction's record (its lines: the segments it adds and removes), then deletes it. */
    private void apply(Path record, List<String> lines) {
        try {
            for (String line : lines) {
                if (line.length() < 3) continue;
                Path p = root.resolve(line.substring(2));
                if (line.charAt(0) == 'A') {
                    Path target = p.resolveSibling(p.getFileName().toString().replace(TEMP_SUFFIX, ""));
                    if (Files.exists(p)) Files.move(p, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(record);
        } catch (IOException e) {
            throw new ScriptException("Failed to apply transaction " + record.getFileName() + ": " + e.getMessage());
        }
    }

    /** Finishes committed transactions and forgets uncommitted ones: called once when the node starts. */
    public void recover() throws IOException {
        Path log = root.resolve("txlog");
        if (Files.isDirectory(log)) {
            try (Stream<Path> s = Files.list(log)) {
                for (Path p : s.sorted().toList()) {
                    if (p.toString().endsWith(".commit")) apply(p, Files.readAllLines(p));
                    else Files.deleteIfExists(p);
                }
            }
        }
        Path chunks = root.resolve("chunks");
        if (Files.isDirectory(chunks)) {
            try (Stream<Path> s = Files.walk(chunks)) {
                for (Path p : s.filter(f -> f.toString().endsWith(TEMP_SUFFIX)).toList()) Files.deleteIfExists(p);
            }
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
