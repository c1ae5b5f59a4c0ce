package io.ddbsync.sync.offline;

import io.ddbsync.camel.PackedTexts;
import io.ddbsync.camel.Partition;
import io.ddbsync.sync.state.Hash128;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What an offline run keeps of one table's partition listing after the plan stage: per partition
 * its path (packed, {@link PackedTexts}) and its version as a 128-bit hash ({@link Hash128}), about
 * 30 bytes a partition with a path of 10 characters against about 350 for a {@link Partition} with
 * its path, filter, columns, keys and version text. Nothing after the plan needs more: the backup
 * and restore work on whole tables, and the verification names partitions by the paths the
 * source's stats give; it only asks whether a partition was written on the source since the plan,
 * by its version (issue 18: the offline run held every table's full listing to its end, most of
 * what it held per partition). The listing comes in path order, so keeping it takes no sort and
 * next to nothing beside the listing itself, which is the plan stage's peak.
 * <p>
 * Made by one thread, then only read.
 */
public final class PlannedPartitions {
    private static final PlannedPartitions NONE = new PlannedPartitions(List.of());
    /** Unknown versions (replicas disagreed) are kept as this hash, which no text has but with a chance of 2^-128. */
    private static final long[] UNKNOWN = {0, 0};

    /** The paths, in String order, for {@link #indexOf}. */
    private final PackedTexts paths;
    /** The version's hash of the partition at i, high at 2i, low at 2i + 1. */
    private final long[] versions;

    /** @param listed the partitions operation's answer (in path order; another order is sorted first) */
    public PlannedPartitions(List<Partition> listed) {
        int n = listed.size();
        List<Partition> inOrder = IntStream.range(1, n).allMatch(i -> listed.get(i - 1).path().compareTo(listed.get(i).path()) < 0) ? listed
                : listed.stream().sorted(Comparator.comparing(Partition::path)).toList();
        paths = new PackedTexts(n);
        versions = new long[2 * n];
        for (int k = 0; k < n; k++) {
            Partition p = inOrder.get(k);
            if (k > 0 && p.path().equals(inOrder.get(k - 1).path())) throw new IllegalArgumentException("Partition " + p.path() + " listed twice");
            paths.add(p.path());
            long[] version = p.version() == null ? UNKNOWN : Hash128.of(p.version());
            versions[2 * k] = version[0];
            versions[2 * k + 1] = version[1];
        }
        paths.trimmed();
    }

    /** A table not planned (yet). */
    public static PlannedPartitions none() {
        return NONE;
    }

    public int size() {
        return paths.size();
    }

    /** The index of the partition with this path, or -1. */
    int indexOf(String path) {
        return paths.indexOfSorted(path);
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

    @Override
    public String toString() {
        return size() + " partitions planned";
    }
}
