package io.ddbsync.camel;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Vector;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * One table's partitions that hold rows, as getTabletsMeta lists them, kept compactly: per
 * partition its path, its row count and its version text, in path order; replicas on several data
 * nodes listed once. The paths and versions are kept as the UTF-8 bytes of one array, each made a
 * String only when asked for: about 75 bytes a partition (a short path and a version of 50
 * characters) against about 180 as two Strings of their own, and a {@link Partition} (its filter,
 * columns and typed keys) is made only when asked for too, so that a stats call over thousands of
 * partitions holds their listing at about a fifth of the size of a List of Partition, and makes the
 * filters and keys of the partitions it is scanning only (issue 18: the listing was the most the
 * offline verification held a partition while reading the target's stats).
 * <p>
 * The version is the chunk id and version, which change with every write to the partition, with
 * its row count and the commit ids of its data in case a chunk id were ever reused with its
 * version counted again ({@link TableMetadata#LISTING} selects those columns); null when replicas
 * disagree, as while one recovers.
 */
final class PartitionListing {
    /** Each partition's path then its version (nothing when null), as UTF-8, one after the other in the listing's order. */
    private final byte[] text;
    /** Where the path (at 2i) and the version (at 2i + 1) of partition i end in {@link #text}; each starts where the one before ends. */
    private final int[] ends;
    private final long[] rows;
    /** Whether partition i's version is null (unknown, or its replicas disagree). */
    private final boolean[] unknownVersion;

    private PartitionListing(byte[] text, int[] ends, long[] rows, boolean[] unknownVersion) {
        this.text = text;
        this.ends = ends;
        this.rows = rows;
        this.unknownVersion = unknownVersion;
    }

    /** A listing's partitions: getTabletsMeta's rows (dfsPath, rowNum, chunkId, version, createCids) from every data node. */
    static PartitionListing parse(BasicTable meta, TableSchema schema) {
        Vector dfsPaths = meta.getColumn("dfsPath");
        Vector rowNums = meta.getColumn("rowNum");
        Vector chunkIds = meta.getColumn("chunkId");
        Vector chunkVersions = meta.getColumn("version");
        Vector createCids = meta.getColumn("createCids");
        int levels = schema.levels().size();
        int n = meta.rows();
        String[] rowPath = new String[n];
        long[] rowRows = new long[n];
        String[] rowVersion = new String[n];
        for (int i = 0; i < n; i++) {
            // dfsPath is /<db>/<level 1>/.../<level n>[/<table's physical index>]
            String[] parts = dfsPaths.getString(i).split("/");
            if (parts.length < levels + 2) continue;
            rowPath[i] = "/" + String.join("/", Arrays.copyOfRange(parts, 2, 2 + levels));
            rowRows[i] = TableMetadata.number(rowNums.get(i));
            rowVersion[i] = chunkIds.getString(i) + "@" + chunkVersions.getString(i) + "/" + rowRows[i] + "/" + createCids.getString(i).replace(" ", "");
        }
        int[] order = IntStream.range(0, n).filter(i -> rowPath[i] != null).boxed().sorted((a, b) -> rowPath[a].compareTo(rowPath[b]))
                .mapToInt(Integer::intValue).toArray();
        // each partition once: the most rows any replica reports, the version when every replica reports the same
        Builder out = new Builder(order.length);
        for (int k = 0; k < order.length; ) {
            int i = order[k];
            long most = rowRows[i];
            String version = rowVersion[i];
            for (k++; k < order.length && rowPath[order[k]].equals(rowPath[i]); k++) {
                int replica = order[k];
                most = Math.max(most, rowRows[replica]);
                if (version != null && !version.equals(rowVersion[replica])) version = null;
            }
            out.add(rowPath[i], most, version);
        }
        return out.build();
    }

    int size() {
        return rows.length;
    }

    String path(int i) {
        return text(2 * i);
    }

    long rows(int i) {
        return rows[i];
    }

    /** Null when unknown, or when replicas disagree. */
    String version(int i) {
        return unknownVersion[i] ? null : text(2 * i + 1);
    }

    /** The path (2i) or version (2i + 1) of partition i. */
    private String text(int at) {
        int start = at == 0 ? 0 : ends[at - 1];
        return new String(text, start, ends[at] - start, StandardCharsets.UTF_8);
    }

    /** The index of the partition with this path, or -1. */
    int indexOf(String path) {
        int from = 0;
        int to = size() - 1;
        while (from <= to) {
            int mid = (from + to) >>> 1;
            int c = path(mid).compareTo(path);
            if (c < 0) from = mid + 1;
            else if (c > 0) to = mid - 1;
            else return mid;
        }
        return -1;
    }

    /** The partitions {@code keep} accepts (by index), in the same order. */
    PartitionListing select(IntPredicate keep) {
        int[] kept = IntStream.range(0, size()).filter(keep).toArray();
        Builder out = new Builder(kept.length);
        for (int i : kept) out.add(path(i), rows[i], version(i));
        return out.build();
    }

    /** The i-th partition with its filter and keys. */
    Partition partition(int i, PartitionFilters.Resolver resolver) {
        return resolver.of(path(i), rows[i]).withVersion(version(i));
    }

    /** Every partition with its filter and keys. */
    List<Partition> partitions(TableSchema schema) {
        PartitionFilters.Resolver resolver = new PartitionFilters.Resolver(schema);
        List<Partition> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) out.add(partition(i, resolver));
        return out;
    }

    /** A listing made partition by partition, in path order. */
    private static final class Builder {
        private final ByteArrayOutputStream text = new ByteArrayOutputStream();
        private final int[] ends;
        private final long[] rows;
        private final boolean[] unknownVersion;
        private int size;

        Builder(int capacity) {
            ends = new int[2 * capacity];
            rows = new long[capacity];
            unknownVersion = new boolean[capacity];
        }

        void add(String path, long rowCount, String version) {
            text.writeBytes(path.getBytes(StandardCharsets.UTF_8));
            ends[2 * size] = text.size();
            if (version != null) text.writeBytes(version.getBytes(StandardCharsets.UTF_8));
            ends[2 * size + 1] = text.size();
            rows[size] = rowCount;
            unknownVersion[size] = version == null;
            size++;
        }

        PartitionListing build() {
            return new PartitionListing(text.toByteArray(), Arrays.copyOf(ends, 2 * size), Arrays.copyOf(rows, size), Arrays.copyOf(unknownVersion, size));
        }
    }
}
