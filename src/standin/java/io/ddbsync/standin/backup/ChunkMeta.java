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
        int at = text.lastIndexOf("checksum=");
        if (at < 0 || !text.endsWith("\n")) throw new CorruptChunkException("its metadata is truncated");
        String body = text.substring(0, at);
        String recorded = text.substring(at + "checksum=".length()).trim();
        if (!recorded.equals(Checksums.of(body.getBytes(StandardCharsets.UTF_8)))) {
            throw new CorruptChunkException("its metadata was altered (checksum mismatch)");
        }
        String partition = null, chunkId = null;
        long cid = 0, rows = 0, updateTime = 0;
        boolean formatOk = false;
        List<FileSum> files = new ArrayList<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) continue;
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            switch (key) {
                case "format" -> formatOk = value.equals(FORMAT);
                case "partition" -> partition = value;
                case "chunkID" -> chunkId = value;
                case "cid" -> cid = Long.parseLong(value);
                case "rows" -> rows = Long.parseLong(value);
                case "updateTime" -> updateTime = Long.parseLong(value);
                case "file" -> {
                    String[] p = value.split(" ", 3);
                    if (p.length != 3) throw new CorruptChunkException("its metadata lists a malformed file entry");
                    files.add(new FileSum(p[2], Long.parseLong(p[0]), p[1]));
                }
                default -> {
                    // unknown keys are ignored, so a later format can add some
                }
            }
        }
        if (!formatOk) throw new CorruptChunkException("its metadata has an unknown format");
        if (partition == null || chunkId == null) throw new CorruptChunkException("its metadata lacks the partition");
        return new ChunkMeta(partition, chunkId, cid, rows, updateTime, files);
    }

    ChunkMeta withFiles(List<FileSum> newFiles) {
        return new ChunkMeta(partition, chunkId, cid, rows, updateTime, newFiles);
    }
}
