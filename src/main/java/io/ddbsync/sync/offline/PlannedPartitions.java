package io.ddbsync.sync.offline;

import io.ddbsync.camel.Partition;
import io.ddbsync.sync.state.Hash128;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What an offline run keeps of one table's partition listing after the plan stage: per partition
 * its path and its version, each as a 128-bit hash ({@link Hash128}), 32 bytes a partition against
 * about 350 for a {@link Partition} with its path, filter, columns, keys and version text. Nothing
 * after the plan needs more: the backup and restore work on whole tables, and the verification
 * names partitions by the paths the source's stats give; it only asks whether a partition was
 * written on the source since the plan, by its version (issue 18: the offline run held every
 * table's full listing to its end, most of what it held per partition).
 * <p>
 * Made by one thread, then only read.
 */
public final class PlannedPartitions {
    private static final PlannedPartitions NONE = new PlannedPartitions(List.of());
    /** Unknown versions (replicas disagreed) are kept as this hash, which no text has but with a chance of 2^-128. */
    private static final long[] UNKNOWN = {0, 0};

    /** Each path's hash, high at 2i, low at 2i + 1, in unsigned order, for {@link #indexOf}. */
    private final long[] paths;
    /** The version's hash of the partition at i, high at 2i, low at 2i + 1. */
    private final long[] versions;

    public PlannedPartitions(List<Partition> listed) {
        int n = listed.size();
        long[][] pathHashes = new long[n][];
        for (int i = 0; i < n; i++) pathHashes[i] = Hash128.of(listed.get(i).path());
        int[] order = IntStream.range(0, n).boxed().sorted((a, b) -> compare(pathHashes[a], pathHashes[b][0], pathHashes[b][1]))
                .mapToInt(Integer::intValue).toArray();
        paths = new long[2 * n];
        versions = new long[2 * n];
        for (int k = 0; k < n; k++) {
            Partition p = listed.get(order[k]);
            long[] path = pathHashes[order[k]];
            if (k > 0 && path[0] == paths[2 * k - 2] && path[1] == paths[2 * k - 1]) {
                throw new IllegalArgumentException("Partition " + p.path() + " listed twice");
            }
            paths[2 * k] = path[0];
            paths[2 * k + 1] = path[1];
            long[] version = p.version() == null ? UNKNOWN : Hash128.of(p.version());
            versions[2 * k] = version[0];
            versions[2 * k + 1] = version[1];
        }
    }

    /** A table not planned (yet). */
    public static PlannedPartitions none() {
        return NONE;
    }

    public int size() {
        return paths.length / 2;
    }

    /** The index of the partition with this path, or -1. */
    int indexOf(String path) {
        long[] hash = Hash128.of(path);
        int from = 0;
        int to = size() - 1;
        while (from <= to) {
            int mid = (from + to) >>> 1;
            int c = compare(hash, paths[2 * mid], paths[2 * mid + 1]);
            if (c > 0) from = mid + 1;
            else if (c < 0) to = mid - 1;
            else return mid;
        }
        return -1;
    }

    /**
     * Whether the partition at i now has a version other than the one planned: written since. Not
     * when either version is unknown.
     */
    boolean changedSince(int i, String version) {
        boolean plannedUnknown = versions[2 * i] == UNKNOWN[0] && versions[2 * i + 1] == UNKNOWN[1];
        if (version == null || plannedUnknown) return false;
        long[] now = Hash128.of(version);
        return now[0] != versions[2 * i] || now[1] != versions[2 * i + 1];
    }

    /** a against (high, low), as unsigned 128-bit numbers. */
    private static int compare(long[] a, long high, long low) {
        int c = Long.compareUnsigned(a[0], high);
        return c != 0 ? c : Long.compareUnsigned(a[1], low);
    }

    @Override
    public String toString() {
        return size() + " partitions planned";
    }
}
