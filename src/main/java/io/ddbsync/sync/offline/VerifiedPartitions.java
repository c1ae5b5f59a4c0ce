package io.ddbsync.sync.offline;

import io.ddbsync.camel.PackedTexts;
import io.ddbsync.camel.PartitionChecksum;
import io.ddbsync.sync.run.RunReport;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The partitions of one table that the offline verification found equal on both sides, as the run
 * report reads them ({@link RunReport#partitions(RunReport.PartitionSource)}): per partition its
 * path (packed, {@link PackedTexts}), one row count (equal on both sides) and the checksum as its
 * two longs ({@link PartitionChecksum}), about 40 bytes a partition with a path of 10 characters
 * instead of a {@link RunReport.PartitionResult}, a map entry and three strings of its own. The
 * report makes each partition's result (its path a String again) when it is read. A partition that
 * differs, or whose checksum is not of the usual form, is not kept here: the verification puts its
 * full result in the report, and the ones that need attention are few.
 * <p>
 * Filled by one thread, then handed to the report, which only reads it.
 */
final class VerifiedPartitions implements RunReport.PartitionSource {
    private final String action;
    private final PackedTexts paths;
    private long[] rows;
    /** Each checksum's two halves, side by side: high at 2i, low at 2i + 1. */
    private long[] checksums;
    private int size;

    /**
     * @param action   what was done with them, as the report shows it ("restored")
     * @param expected how many partitions are about to be added (the arrays' first size)
     */
    VerifiedPartitions(String action, int expected) {
        this.action = action;
        int n = Math.max(1, expected);
        this.paths = new PackedTexts(n);
        this.rows = new long[n];
        this.checksums = new long[2 * n];
    }

    /**
     * Keeps a partition found equal on both sides, when its checksum is of the usual form.
     *
     * @return false, keeping nothing, when the checksum is not 32 lowercase hex digits (the caller keeps its result as it is)
     */
    boolean add(String path, long rowCount, String checksum) {
        if (checksum == null || !PartitionChecksum.isHex(checksum)) return false;
        if (size == rows.length) {
            int n = 2 * size;
            rows = Arrays.copyOf(rows, n);
            checksums = Arrays.copyOf(checksums, 2 * n);
        }
        paths.add(path);
        rows[size] = rowCount;
        checksums[2 * size] = PartitionChecksum.high(checksum);
        checksums[2 * size + 1] = PartitionChecksum.low(checksum);
        size++;
        return true;
    }

    int size() {
        return size;
    }

    /** Drops the room left over once every partition is in (the lists came in larger than the equal ones). */
    VerifiedPartitions trimmed() {
        paths.trimmed();
        if (rows.length > size) {
            rows = Arrays.copyOf(rows, size);
            checksums = Arrays.copyOf(checksums, 2 * size);
        }
        return this;
    }

    @Override
    public void forEach(Consumer<RunReport.PartitionResult> each) {
        for (int i = 0; i < size; i++) {
            String checksum = PartitionChecksum.text(checksums[2 * i], checksums[2 * i + 1]);
            each.accept(new RunReport.PartitionResult(paths.get(i), action, rows[i], rows[i], checksum, checksum, 0, 0));
        }
    }
}
