package io.ddbsync.standin.backup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one backed-up partition records about itself: which partition it is, the source's commit id
 * (cid) and update time the incremental check compares, its row count, and the size and checksum
 * ({@link Checksums}) of every file holding its data. It is plain text ending with a checksum of itself, so an altered
 * record is detected like altered data. Nothing in it depends on the host or node that wrote it.
 */
record ChunkMeta(String partition, String chunkId, long cid, long rows, long updateTime, List<FileSum> files) {

    static final String FORMAT = "ddbsync-standin-backup-chunk/2";

    /** One data file of the partition: its name inside the entry, size in bytes and checksum. */
    record FileSum(String name, long size, String checksum) {}

    ChunkMeta {
        files = List.copyOf(files);
    }

    String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("format=").append(FORMAT).append('\n');
        sb.append("partition=").append(partition).append('\n');
        sb.append("chunkID=").append(chunkId).append('\n');
        sb.append("cid=").append(cid).append('\n');
        sb.append("rows=").append(rows).append('\n');
        sb.append("updateTime=").append(updateTime).append('\n');
        // the name goes last on its line so that any character may appear in it
        for (FileSum f : files) sb.append("file=").append(f.size()).append(' ').append(f.checksum()).append(' ').append(f.name()).append('\n');
        String body = sb.toString();
        return body + "checksum=" + Checksums.of(body.getBytes(StandardCharsets.UTF_8)) + '\n';
    }

    /** Parses and self-checks a record; a damaged or truncated one is a {@link CorruptChunkException}. */
    static ChunkMeta parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The same from the record's UTF-8 bytes, as read from its file: the checksum is taken over the
     * bytes as they are (no decoding and encoding again), and the lines are read in place, without
     * splitting the text (checkBackup and restore read every entry's record).
     */
    static ChunkMeta parse(byte[] bytes) {
        int at = lastIndexOf(bytes, CHECKSUM_KEY);
        if (at < 0 || bytes.length == 0 || bytes[bytes.length - 1] != '\n') throw new CorruptChunkException("its metadata is truncated");
        String recorded = new String(bytes, at + CHECKSUM_KEY.length, bytes.length - at - CHECKSUM_KEY.length, StandardCharsets.UTF_8).trim();
        if (!recorded.equals(Checksums.of(bytes, 0, at))) {
            throw new CorruptChunkException("its metadata was altered (checksum mismatch)");
        }
        String body = new String(bytes, 0, at, StandardCharsets.UTF_8);
        String partition = null, chunkId = null;
        long cid = 0, rows = 0, updateTime = 0;
        boolean formatOk = false;
        List<FileSum> files = new ArrayList<>();
        for (int from = 0; from < body.length(); ) {
            int end = body.indexOf('\n', from);
            if (end < 0) end = body.length();
            int eq = body.indexOf('=', from);
            if (eq >= 0 && eq < end) {
                String key = body.substring(from, eq);
                String value = body.substring(eq + 1, end);
                switch (key) {
                    case "format" -> formatOk = value.equals(FORMAT);
                    case "partition" -> partition = value;
                    case "chunkID" -> chunkId = value;
                    case "cid" -> cid = Long.parseLong(value);
                    case "rows" -> rows = Long.parseLong(value);
                    case "updateTime" -> updateTime = Long.parseLong(value);
                    case "file" -> files.add(fileSum(value));
                    default -> {
                        // unknown keys are ignored, so a later format can add some
                    }
                }
            }
            from = end + 1;
        }
        if (!formatOk) throw new CorruptChunkException("its metadata has an unknown format");
        if (partition == null || chunkId == null) throw new CorruptChunkException("its metadata lacks the partition");
        return new ChunkMeta(partition, chunkId, cid, rows, updateTime, files);
    }

    private static final byte[] CHECKSUM_KEY = "checksum=".getBytes(StandardCharsets.UTF_8);

    /** "size checksum name" (the name last: it may hold spaces). */
    private static FileSum fileSum(String value) {
        int first = value.indexOf(' ');
        int second = first < 0 ? -1 : value.indexOf(' ', first + 1);
        if (second < 0) throw new CorruptChunkException("its metadata lists a malformed file entry");
        return new FileSum(value.substring(second + 1), Long.parseLong(value.substring(0, first)), value.substring(first + 1, second));
    }

    /** Where {@code key} last occurs in {@code bytes}, or -1. */
    private static int lastIndexOf(byte[] bytes, byte[] key) {
        outer:
        for (int i = bytes.length - key.length; i >= 0; i--) {
            for (int k = 0; k < key.length; k++) {
                if (bytes[i + k] != key[k]) continue outer;
            }
            return i;
        }
        return -1;
    }

    ChunkMeta withFiles(List<FileSum> newFiles) {
        return new ChunkMeta(partition, chunkId, cid, rows, updateTime, newFiles);
    }
}
