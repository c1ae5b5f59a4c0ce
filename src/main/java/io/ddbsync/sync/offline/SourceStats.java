package io.ddbsync.sync.offline;

import io.ddbsync.camel.Partition;
import io.ddbsync.camel.PartitionStats;
import io.ddbsync.sync.online.ChecksumHalves;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One table's source stats as the verification compares them, kept while the target's are read:
 * per partition a reference to its path (the plan's string when the plan listed it), its row
 * count, its checksum as two longs ({@link ChecksumHalves}; the rare one of another form as its
 * text) and whether its version changed since the plan: about 40 bytes a partition, against about
 * 330 for a {@link PartitionStats} with its path, filter, version and checksum texts, so the
 * source's list is let go before the target's is made (issue 18: at 2,000 partitions of one table,
 * both sides' lists at once were most of what the verification held beyond the plan).
 * <p>
 * In the source's order; {@link #indexOf} finds a path through a sorted index. Made by one thread,
 * then only read.
 */
public final class SourceStats {
    private final String[] paths;
    private final long[] rows;
    /** Each checksum's two halves, high at 2i, low at 2i + 1; zeros where {@link #otherChecksums} holds it. */
    private final long[] checksums;
    /** Checksums not of 32 lowercase hex digits (null included), by index: as they were read. */
    private final Map<Integer, String> otherChecksums = new HashMap<>();
    /** Whose version differs from the one the plan listed: written on the source since. */
    private final BitSet changedSincePlan = new BitSet();
    /** Indexes in the order of their paths, for {@link #indexOf}. */
    private final int[] byPath;

    /**
     * @param planned the table's partitions as the plan listed them (their path strings are kept
     *                instead of the stats' copies, and their versions tell what changed since)
     */
    public SourceStats(List<PartitionStats> source, List<Partition> planned) {
        Map<String, Partition> plannedByPath = new HashMap<>();
        for (Partition p : planned == null ? List.<Partition>of() : planned) plannedByPath.put(p.path(), p);
        int n = source.size();
        paths = new String[n];
        rows = new long[n];
        checksums = new long[2 * n];
        for (int i = 0; i < n; i++) {
            PartitionStats s = source.get(i);
            Partition then = plannedByPath.get(s.path());
            // the plan's string, which the plan keeps anyway, rather than the stats' copy of it
            paths[i] = then == null ? s.path() : then.path();
            rows[i] = s.rows();
            String checksum = s.checksum();
            if (checksum != null && ChecksumHalves.isHex(checksum)) {
                checksums[2 * i] = ChecksumHalves.high(checksum);
                checksums[2 * i + 1] = ChecksumHalves.low(checksum);
            } else {
                otherChecksums.put(i, checksum);
            }
            if (then != null && then.version() != null && s.version() != null && !then.version().equals(s.version())) changedSincePlan.set(i);
        }
        byPath = IntStream.range(0, n).boxed().sorted((a, b) -> paths[a].compareTo(paths[b])).mapToInt(Integer::intValue).toArray();
    }

    public int size() {
        return paths.length;
    }

    String path(int i) {
        return paths[i];
    }

    long rows(int i) {
        return rows[i];
    }

    /** The checksum as it was read. */
    String checksum(int i) {
        return otherChecksums.containsKey(i) ? otherChecksums.get(i) : ChecksumHalves.text(checksums[2 * i], checksums[2 * i + 1]);
    }

    boolean changedSincePlan(int i) {
        return changedSincePlan.get(i);
    }

    /** The index of the partition with this path, or -1. */
    int indexOf(String path) {
        int from = 0;
        int to = byPath.length - 1;
        while (from <= to) {
            int mid = (from + to) >>> 1;
            int c = paths[byPath[mid]].compareTo(path);
            if (c < 0) from = mid + 1;
            else if (c > 0) to = mid - 1;
            else return byPath[mid];
        }
        return -1;
    }

    @Override
    public String toString() {
        return paths.length + " partitions' source stats" + (paths.length == 0 ? "" : " from " + paths[0] + " to " + paths[paths.length - 1]);
    }
}
