package io.ddbsync.sync.online;

import com.xxdb.data.BasicTable;
import io.ddbsync.camel.wire.WireTable;

import java.util.Locale;

/**
 * What one partition's copy has moved so far. Blocks of a partition are appended one after the
 * other by one thread; only counters and digests are kept, never the rows.
 */
public final class PartitionProgress {
    private final PartitionTask task;
    private final long startNanos = System.nanoTime();
    private volatile long copyEndNanos;
    private volatile long rows;
    private volatile long bytes;
    private volatile int blocks;
    /** Digests of the blocks appended and of the partition read back from the target; null unless verifying by reading back. */
    private final RowDigest copied;
    private final RowDigest readBack;
    /**
     * The target partition's version at its verification: once the blocks were appended, before it
     * was read back (or that of its checksum); {@link PartitionTask#ABSENT} when it has no rows, null
     * when not taken or unknown.
     */
    private volatile String targetVersion;
    /** The partition was proven equal on both sides (read back, or checksums). */
    private volatile boolean verified;

    PartitionProgress(PartitionTask task, boolean digest) {
        this.task = task;
        this.copied = digest ? new RowDigest() : null;
        this.readBack = digest ? new RowDigest() : null;
    }

    public PartitionTask getTask() {
        return task;
    }

    /** A block appended to the target, decoded ({@link BasicTable}) or in wire form ({@link WireTable}). */
    void block(Object block) {
        if (block instanceof WireTable w) {
            if (copied != null) copied.add(w);
            counted(w.rows(), w.valueBytes());
        } else {
            BasicTable t = (BasicTable) block;
            if (copied != null) copied.add(t);
            counted(t.rows(), DataSize.of(t));
        }
    }

    private void counted(int blockRows, long blockBytes) {
        rows += blockRows;
        bytes += blockBytes;
        blocks++;
        copyEndNanos = System.nanoTime();
    }

    /** A block of the partition as read back from the target, in either form. */
    void readBack(Object block) {
        if (readBack == null) throw new IllegalStateException("Partition " + task.path() + " is not verified by reading back");
        if (block instanceof WireTable w) readBack.add(w);
        else readBack.add((BasicTable) block);
    }

    void setTargetVersion(String version) {
        this.targetVersion = version;
    }

    /** The target's version, once known (for the partition route: ${exchangeProperty.DdbSyncProgress.targetVersion}). */
    public String getTargetVersion() {
        return targetVersion;
    }

    void setVerified() {
        this.verified = true;
    }

    boolean isVerified() {
        return verified;
    }

    RowDigest copied() {
        return copied;
    }

    RowDigest readBack() {
        return readBack;
    }

    public long getRows() {
        return rows;
    }

    public long getBytes() {
        return bytes;
    }

    public int getBlocks() {
        return blocks;
    }

    long millis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** MB/s of the copy itself: from the start of the partition to its last block appended. */
    double megabytesPerSecond() {
        long end = copyEndNanos == 0 ? System.nanoTime() : copyEndNanos;
        double seconds = (end - startNanos) / 1e9;
        return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
    }

    /** The progress line of a partition that verified: what was done, rows, MB, time and MB/s. */
    String verifiedLine(String position) {
        return line("verified", position);
    }

    /** The progress line of a partition copied without verification (verify=false). */
    String copiedLine(String position) {
        return line("not verified (verify=false)", position);
    }

    /** @param position where the partition stands among those of its run ({@link OnlineRun#partitionEnded}) */
    String line(String outcome, String position) {
        return task.path() + " " + task.action().done() + ": " + LineNumbers.grouped(rows) + " rows, " + LineNumbers.decimals(bytes / 1e6, 1)
                + " MB in " + blocks + " blocks, " + LineNumbers.decimals(millis() / 1000.0, 2) + " s, "
                + LineNumbers.decimals(megabytesPerSecond(), 1) + " MB/s, " + outcome + " " + position;
    }

    /** The progress line of a partition that failed, with how far it got. */
    String failedLine(String why, String position) {
        return String.format(Locale.ROOT, "%s %s FAILED after %,d rows in %d blocks, %.2f s: %s %s", task.path(), task.action().label(),
                rows, blocks, millis() / 1000.0, why, position);
    }
}
