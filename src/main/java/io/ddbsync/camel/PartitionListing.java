package io.ddbsync.camel;

import com.xxdb.data.BasicTable;
import com.xxdb.data.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntBinaryOperator;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * One table's partitions that hold rows, as getTabletsMeta lists them, kept compactly: per
 * partition its path, its row count and its version text, in path order; replicas on several data
 * nodes listed once. The paths and versions are kept packed ({@link PackedTexts}), each made a
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
    /**
     * Partitions a block of paths and versions holds: {@link #takePartitions} lets each block go as
     * soon as its partitions are made, so that the plan's List of Partition and its whole listing are
     * never held at once (issue 18: the moment the plan stage's peak was caught at).
     */
    static final int BLOCK = 256;
    /** Block b holds the paths of partitions b * BLOCK to (b + 1) * BLOCK - 1; null once taken. */
    private final PackedTexts[] paths;
    private final long[] rows;
    private final PackedTexts[] versions;

    private PartitionListing(PackedTexts[] paths, long[] rows, PackedTexts[] versions) {
        this.paths = paths;
        this.rows = rows;
        this.versions = versions;
    }

    /**
     * A listing's partitions: getTabletsMeta's rows (dfsPath, rowNum, chunkId, version, createCids)
     * from every data node. The answer is the most the listing holds at once, so each row's path is
     * kept as where it lies in its dfsPath, and its version text made only as it is packed (issue 18:
     * a String of each for every row, beside the answer, had been the offline verification's peak).
     */
    static PartitionListing parse(BasicTable meta, TableSchema schema) {
        Vector dfsPaths = meta.getColumn("dfsPath");
        Vector rowNums = meta.getColumn("rowNum");
        Vector chunkIds = meta.getColumn("chunkId");
        Vector chunkVersions = meta.getColumn("version");
        Vector createCids = meta.getColumn("createCids");
        int levels = schema.levels().size();
        int n = meta.rows();
        String[] dfsPath = new String[n];
        int[] pathStart = new int[n];
        int[] pathEnd = new int[n];
        long[] rowRows = new long[n];
        for (int i = 0; i < n; i++) {
            dfsPath[i] = dfsPaths.getString(i);
            if (!locatePath(dfsPath[i], levels, pathStart, pathEnd, i)) continue;
            rowRows[i] = TableMetadata.number(rowNums.get(i));
        }
        IntBinaryOperator byPath = (a, b) -> compare(dfsPath[a], pathStart[a], pathEnd[a], dfsPath[b], pathStart[b], pathEnd[b]);
        int[] order = IntStream.range(0, n).filter(i -> pathEnd[i] > 0).boxed().sorted(byPath::applyAsInt).mapToInt(Integer::intValue).toArray();
        // each partition once: the most rows any replica reports, the version when every replica reports the same
        Builder out = new Builder(order.length);
        for (int k = 0; k < order.length; ) {
            int i = order[k];
            long most = rowRows[i];
            String version = version(chunkIds, chunkVersions, createCids, i, rowRows[i]);
            for (k++; k < order.length && byPath.applyAsInt(order[k], i) == 0; k++) {
                int replica = order[k];
                most = Math.max(most, rowRows[replica]);
                if (version != null && !version.equals(version(chunkIds, chunkVersions, createCids, replica, rowRows[replica]))) version = null;
            }
            out.add(dfsPath[i].substring(pathStart[i], pathEnd[i]), most, version);
        }
        return out.build();
    }

    /**
     * Where row i's partition path lies in its dfsPath, {@code /<db>/<level 1>/.../<level n>[/<table's
     * physical index>]}: from the slash before level 1 to the end of level n (the path
     * {@code /<level 1>/.../<level n>}). False, nothing set, for a dfsPath of fewer levels.
     */
    private static boolean locatePath(String dfsPath, int levels, int[] start, int[] end, int i) {
        // slash k (counted from 0) ends the dfsPath's k-th part: the database is part 1, level 1 part 2
        int slashes = 0;
        int from = -1;
        int to = dfsPath.length();
        int lastLevelStart = -1;
        for (int c = 0; c < dfsPath.length(); c++) {
            if (dfsPath.charAt(c) != '/') continue;
            if (slashes == 1) from = c;
            if (slashes == levels) lastLevelStart = c + 1;
            if (slashes == levels + 1) {
                to = c;
                break;
            }
            slashes++;
        }
        // as split("/") counts parts: the last level must be there, or a part of something after it
        if (lastLevelStart < 0 || from < 0 || !hasOtherThanSlash(dfsPath, lastLevelStart)) return false;
        start[i] = from;
        end[i] = to;
        return true;
    }

    private static boolean hasOtherThanSlash(String s, int from) {
        for (int c = from; c < s.length(); c++) if (s.charAt(c) != '/') return true;
        return false;
    }

    /** Two parts of strings in String.compareTo's order. */
    private static int compare(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
        int common = Math.min(aTo - aFrom, bTo - bFrom);
        for (int k = 0; k < common; k++) {
            int c = a.charAt(aFrom + k) - b.charAt(bFrom + k);
            if (c != 0) return c;
        }
        return (aTo - aFrom) - (bTo - bFrom);
    }

    /** Row i's version: chunk id and version, row count, commit ids. */
    private static String version(Vector chunkIds, Vector chunkVersions, Vector createCids, int i, long rows) {
        return chunkIds.getString(i) + "@" + chunkVersions.getString(i) + "/" + rows + "/" + createCids.getString(i).replace(" ", "");
    }

    int size() {
        return rows.length;
    }

    String path(int i) {
        return block(paths, i).get(i % BLOCK);
    }

    long rows(int i) {
        return rows[i];
    }

    /** Null when unknown, or when replicas disagree. */
    String version(int i) {
        return block(versions, i).get(i % BLOCK);
    }

    private static PackedTexts block(PackedTexts[] blocks, int i) {
        PackedTexts block = blocks[i / BLOCK];
        if (block == null) throw new IllegalStateException("partition " + i + " of the listing was already made into a Partition and let go");
        return block;
    }

    /** The index of the partition with this path, or -1. */
    int indexOf(String path) {
        return PackedTexts.indexOfSorted(size(), this::path, path);
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

    /**
     * Every partition with its filter and keys, the listing emptied as they are made: each block of
     * paths and versions is let go once its partitions are made (the listing cannot be read after).
     */
    List<Partition> takePartitions(TableSchema schema) {
        PartitionFilters.Resolver resolver = new PartitionFilters.Resolver(schema);
        List<Partition> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(partition(i, resolver));
            if (i % BLOCK == BLOCK - 1 || i == size() - 1) {
                paths[i / BLOCK] = null;
                versions[i / BLOCK] = null;
            }
        }
        return out;
    }

    /** A listing made partition by partition, in path order, block by block. */
    private static final class Builder {
        private final PackedTexts[] paths;
        private final long[] rows;
        private final PackedTexts[] versions;
        private int size;

        Builder(int partitions) {
            int blocks = (partitions + BLOCK - 1) / BLOCK;
            paths = new PackedTexts[blocks];
            rows = new long[partitions];
            versions = new PackedTexts[blocks];
        }

        void add(String path, long rowCount, String version) {
            int b = size / BLOCK;
            if (size % BLOCK == 0) {
                paths[b] = new PackedTexts(BLOCK);
                versions[b] = new PackedTexts(BLOCK);
            }
            paths[b].add(path);
            versions[b].add(version);
            rows[size++] = rowCount;
            if (size % BLOCK == 0) {
                paths[b].trimmed();
                versions[b].trimmed();
            }
        }

        PartitionListing build() {
            int blocks = (size + BLOCK - 1) / BLOCK;
            if (size % BLOCK != 0) {
                paths[blocks - 1].trimmed();
                versions[blocks - 1].trimmed();
            }
            return new PartitionListing(Arrays.copyOf(paths, blocks), Arrays.copyOf(rows, size), Arrays.copyOf(versions, blocks));
        }
    }
}
