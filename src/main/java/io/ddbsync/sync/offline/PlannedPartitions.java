package io.ddbsync.sync.offline;

import io.ddbsync.camel.Partition;
import io.ddbsync.sync.state.Hash128;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What an offline run keeps of one table's partition listing after the plan stage: per partition
 * its path (the listing's string) and its version as a 128-bit hash ({@link Hash128}), about 80
 * bytes a partition against about 350 for a {@link Partition} with its filter, columns, keys and
 * version text. Nothing after the plan needs more: the backup and restore work on whole tables, the
 * verification names partitions by path and tells a partition written on the source since the plan
 * by its version (issue 18: the offline run held every table's full listing to its end, most of
 * what it held per partition).
 * <p>
 * Made by one thread, then only read.
 */
public final class PlannedPartitions {
    private static final PlannedPartitions NONE = new PlannedPartitions(List.of());

    /** In path order, for {@link #indexOf}. */
    private final String[] paths;
    /** Each version's hash, high at 2i, low at 2i + 1; zeros where {@link #unknownVersion} is set. */
    private final long[] versions;
    /** Whose version the listing did not know (replicas disagreed). */
    private final BitSet unknownVersion = new BitSet();

    public PlannedPartitions(List<Partition> listed) {
        int n = listed.size();
        int[] byPath = IntStream.range(0, n).boxed().sorted((a, b) -> listed.get(a).path().compareTo(listed.get(b).path()))
                .mapToInt(Integer::intValue).toArray();
        paths = new String[n];
        versions = new long[2 * n];
        for (int i = 0; i < n; i++) {
            Partition p = listed.get(byPath[i]);
            paths[i] = p.path();
            if (i > 0 && paths[i].equals(paths[i - 1])) throw new IllegalArgumentException("Partition " + p.path() + " listed twice");
            if (p.version() == null) {
                unknownVersion.set(i);
            } else {
                long[] hash = Hash128.of(p.version());
                versions[2 * i] = hash[0];
                versions[2 * i + 1] = hash[1];
            }
        }
    }

    /** A table not planned (yet). */
    public static PlannedPartitions none() {
        return NONE;
    }

    public int size() {
        return paths.length;
    }

    /** The i-th path in path order. */
    public String path(int i) {
        return paths[i];
    }

    /** The index of the partition with this path, or -1. */
    int indexOf(String path) {
        return Math.max(-1, Arrays.binarySearch(paths, path));
    }

    /**
     * Whether the partition at i now has a version other than the one planned: written since. Not
     * when either version is unknown.
     */
    boolean changedSince(int i, String version) {
        if (version == null || unknownVersion.get(i)) return false;
        long[] now = Hash128.of(version);
        return now[0] != versions[2 * i] || now[1] != versions[2 * i + 1];
    }

    @Override
    public String toString() {
        return paths.length + " partitions planned" + (paths.length == 0 ? "" : " from " + paths[0] + " to " + paths[paths.length - 1]);
    }
}
