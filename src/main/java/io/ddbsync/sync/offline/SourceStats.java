package io.ddbsync.sync.offline;

import io.ddbsync.camel.PackedTexts;
import io.ddbsync.camel.PartitionChecksum;
import io.ddbsync.camel.PartitionStats;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One table's source stats as the verification compares them, kept while the target's are read:
 * per partition its path (packed, {@link PackedTexts}: a String again when read), its row count,
 * its checksum as two longs ({@link PartitionChecksum}; the rare one of another form as its text) and
 * whether its version changed since the plan: about 50 bytes a partition with a path of 10
 * characters, against about 330 for a {@link PartitionStats} with its path, filter, version and
 * checksum texts, so the source's stats, read one at a time, are let go before the target's are
 * read (issue 18: at 2,000 partitions of one table, both sides' lists at once were most of what
 * the verification held beyond the plan; then, the paths as Strings were a third of what it held
 * while reading the target's).
 * <p>
 * In the source's order; {@link #indexOf} finds a path through a sorted index. Made by one thread,
 * then only read.
 */
public final class SourceStats {
    private final PackedTexts paths;
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
     * @param source  the source's stats, read one at a time (a list's iterator, or the stats
     *                operation's stream, whose batches are let go as they are read)
     * @param planned the table's partitions as the plan listed them (their versions tell what changed since)
     */
    public SourceStats(Iterator<PartitionStats> source, PlannedPartitions planned) {
        int capacity = Math.max(1, planned.size());
        PackedTexts p = new PackedTexts(capacity);
        long[] r = new long[capacity];
        long[] c = new long[2 * capacity];
        int n = 0;
        while (source.hasNext()) {
            PartitionStats s = source.next();
            if (n == r.length) {
                r = Arrays.copyOf(r, 2 * n);
                c = Arrays.copyOf(c, 4 * n);
            }
            int then = planned.indexOf(s.path());
            p.add(s.path());
            r[n] = s.rows();
            String checksum = s.checksum();
            if (checksum != null && PartitionChecksum.isHex(checksum)) {
                c[2 * n] = PartitionChecksum.high(checksum);
                c[2 * n + 1] = PartitionChecksum.low(checksum);
            } else {
                otherChecksums.put(n, checksum);
            }
            if (then >= 0 && planned.changedSince(then, s.version())) changedSincePlan.set(n);
            n++;
        }
        paths = p.trimmed();
        rows = n == r.length ? r : Arrays.copyOf(r, n);
        checksums = 2 * n == c.length ? c : Arrays.copyOf(c, 2 * n);
        // the paths as Strings only while sorting (the source's stream is read, its listing let go)
        String[] unpacked = IntStream.range(0, n).mapToObj(paths::get).toArray(String[]::new);
        byPath = IntStream.range(0, n).boxed().sorted((a, b) -> unpacked[a].compareTo(unpacked[b])).mapToInt(Integer::intValue).toArray();
    }

    public int size() {
        return paths.size();
    }

    String path(int i) {
        return paths.get(i);
    }

    long rows(int i) {
        return rows[i];
    }

    /** The checksum as it was read. */
    String checksum(int i) {
        return otherChecksums.containsKey(i) ? otherChecksums.get(i) : PartitionChecksum.text(checksums[2 * i], checksums[2 * i + 1]);
    }

    boolean changedSincePlan(int i) {
        return changedSincePlan.get(i);
    }

    /** The index of the partition with this path, or -1. */
    int indexOf(String path) {
        int k = PackedTexts.indexOfSorted(byPath.length, j -> paths.get(byPath[j]), path);
        return k < 0 ? -1 : byPath[k];
    }

    @Override
    public String toString() {
        return size() + " partitions' source stats" + (size() == 0 ? "" : " from " + path(0) + " to " + path(size() - 1));
    }
}
