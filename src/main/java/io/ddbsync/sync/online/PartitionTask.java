package io.ddbsync.sync.online;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.state.Hash128;

import java.util.Locale;
import java.util.Objects;

/**
 * One partition of an online run: what the plan decided to do with it on the target and what was
 * known about it beforehand (immutable), and what the run learns of it (its result, for the report,
 * and the versions it was proven equal at, for the end of the round). One object a partition: the
 * plan, the report ({@link PartitionRecords}) and the check at the end of a round
 * ({@link ProvenVersions}) all read this one instead of each keeping an entry of its own (issue 18:
 * the heap grows with the partitions by about the plan). The route reads it with simple
 * expressions ({@code ${body.path}}, {@code ${body.filter}}, {@code ${body.action}}).
 * <p>
 * Equality is the plan's (path, filter, action, rows, bytes, checksums, versions), as a record's;
 * the run's state is guarded by the object's lock (partitions end on several threads; the report
 * reads them from another).
 *
 * @param path           the partition's path
 * @param filter         the DolphinDB filter selecting exactly this partition's rows, for the source query
 * @param action         what the run does with it
 * @param sourceRows     rows on the source as the plan saw them (metadata or stats)
 * @param targetRows     rows on the target as the plan saw them; 0 when the target lacks the partition
 * @param estimatedBytes the bytes the copy is expected to move
 * @param sourceChecksum the source checksum the plan compared (incremental mode), null otherwise
 * @param targetChecksum the target checksum the plan compared (incremental mode), null otherwise
 * @param sourceVersion  the source partition's version when the plan listed it (that of its checksum in incremental
 *                       mode), {@link #ABSENT} when the source has no rows in it; null when unknown. The copy is of
 *                       this version as long as the source still has it at the end of the run.
 * @param targetVersion  the target partition's version when the plan listed it, {@link #ABSENT} when the target has
 *                       no rows in it; null when unknown
 */
public final class PartitionTask {

    /** The version of a side that has no rows in the partition (listings leave such partitions out). */
    public static final String ABSENT = "absent";

    /** What the run does with a partition; the past tense is what the report says once it is done. */
    public enum Action {
        /** On the source only: copied. */
        CREATE("created"),
        /** On both sides (and, in incremental mode, different): cleared on the target, then copied. */
        OVERWRITE("overwritten"),
        /** Equal on both sides (incremental mode): left alone. */
        UNCHANGED("unchanged"),
        /** On the target only: cleared, so the target ends equal to the source. */
        CLEAR("cleared");

        private final String done;

        Action(String done) {
            this.done = done;
        }

        public String done() {
            return done;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a partition's turn in the run ended, for the report's action column. */
    /** checksumTexts when both sides' checksums are the one text that checksumHigh and checksumLow spell. */
    private static final Object EQUAL_HEX = new Object();

    private enum Ended {
        /** Copied (verified or not): the report says the action's past tense. */
        DONE,
        /** Skipped: an earlier run verified it (the ledger). */
        RESUMED,
        FAILED
    }

    private final String path;
    private final String filter;
    private final Action action;
    private final long sourceRows;
    private final long targetRows;
    private final long estimatedBytes;
    private final String sourceChecksum;
    private final String targetChecksum;
    private final String sourceVersion;
    private final String targetVersion;

    // what the run learns, under the lock: the result (null: not ended) and the proof
    private Ended ended;
    private long resultSourceRows;
    private long resultTargetRows;
    private long resultBytes;
    private long resultMillis;
    /** Both sides' checksums as compared: {@link ChecksumHalves}' longs when equal and of the usual 32 hex digits, else their texts. */
    private long checksumHigh;
    private long checksumLow;
    /** null: none; {@link #EQUAL_HEX}: both are the hex text of checksumHigh and checksumLow; else a String[] {source, target}. */
    private Object checksumTexts;
    /** A catch-up round's record: the record it replaced, whose result it shows until it ends. */
    private PartitionTask earlier;
    private boolean proven;
    private String provenSourceVersion;
    /**
     * The target's version it verified at: kept as its 128-bit hash ({@link Hash128}: the end of the round only asks whether it
     * is still the same, and a version is a ~60-character text a partition); null or {@link #ABSENT} as themselves.
     */
    private String provenTargetText;
    private long provenTargetHigh;
    private long provenTargetLow;

    public PartitionTask(String path, String filter, Action action, long sourceRows, long targetRows, long estimatedBytes,
                         String sourceChecksum, String targetChecksum, String sourceVersion, String targetVersion) {
        this.path = path;
        this.filter = filter;
        this.action = action;
        this.sourceRows = sourceRows;
        this.targetRows = targetRows;
        this.estimatedBytes = estimatedBytes;
        this.sourceChecksum = sourceChecksum;
        this.targetChecksum = targetChecksum;
        this.sourceVersion = sourceVersion;
        this.targetVersion = targetVersion;
    }

    public String path() {
        return path;
    }

    public String filter() {
        return filter;
    }

    public Action action() {
        return action;
    }

    public long sourceRows() {
        return sourceRows;
    }

    public long targetRows() {
        return targetRows;
    }

    public long estimatedBytes() {
        return estimatedBytes;
    }

    public String sourceChecksum() {
        return sourceChecksum;
    }

    public String targetChecksum() {
        return targetChecksum;
    }

    public String sourceVersion() {
        return sourceVersion;
    }

    public String targetVersion() {
        return targetVersion;
    }

    /** Whether the source has rows to stream (a CLEAR only empties the target's partition). */
    public boolean isCopy() {
        return action == Action.CREATE || action == Action.OVERWRITE;
    }

    // ---- what the run learns

    /** The partition was copied: rows and checksums as compared (null checksums: not compared, verify=false). */
    synchronized void copied(long sourceRowsNow, long targetRowsNow, String sourceChecksumNow, String targetChecksumNow, long bytes, long millis) {
        ended(Ended.DONE, sourceRowsNow, targetRowsNow, bytes, millis);
        if (sourceChecksumNow == null && targetChecksumNow == null) {
            checksumTexts = null;
        } else if (sourceChecksumNow != null && sourceChecksumNow.equals(targetChecksumNow) && ChecksumHalves.isHex(sourceChecksumNow)) {
            checksumHigh = ChecksumHalves.high(sourceChecksumNow);
            checksumLow = ChecksumHalves.low(sourceChecksumNow);
            checksumTexts = EQUAL_HEX;
        } else {
            checksumTexts = new String[]{sourceChecksumNow, targetChecksumNow};
        }
    }

    /** Skipped: an earlier run of the same window verified it, neither side written since. */
    synchronized void resumed() {
        ended(Ended.RESUMED, sourceRows, -1, 0, 0);
        checksumTexts = null;
    }

    /** The partition failed, after moving these bytes. */
    synchronized void failed(long bytes, long millis) {
        ended(Ended.FAILED, sourceRows, -1, bytes, millis);
        checksumTexts = null;
    }

    private void ended(Ended how, long sourceRowsNow, long targetRowsNow, long bytes, long millis) {
        this.ended = how;
        this.earlier = null;
        this.resultSourceRows = sourceRowsNow;
        this.resultTargetRows = targetRowsNow;
        this.resultBytes = bytes;
        this.resultMillis = millis;
    }

    /**
     * A later round's record of this partition (a catch-up round copies it again) shows the earlier
     * one's result until it ends itself.
     */
    synchronized void resultFrom(PartitionTask earlierRecord) {
        this.earlier = earlierRecord;
    }

    /**
     * What the report shows of it: a partition left alone (UNCHANGED) as the plan compared it, one
     * that ended as it ended; null while it has not ended.
     */
    synchronized RunReport.PartitionResult result() {
        if (action == Action.UNCHANGED) return new RunReport.PartitionResult(path, action.done(), sourceRows, targetRows, sourceChecksum, targetChecksum, 0, 0);
        if (ended == null) return earlier == null ? null : earlier.result();
        String what = switch (ended) {
            case DONE -> action.done();
            case RESUMED -> RunReport.RESUMED;
            case FAILED -> "failed";
        };
        String source = checksumTexts == EQUAL_HEX ? ChecksumHalves.text(checksumHigh, checksumLow)
                : checksumTexts instanceof String[] texts ? texts[0] : null;
        String target = checksumTexts == EQUAL_HEX ? source : checksumTexts instanceof String[] texts ? texts[1] : null;
        return new RunReport.PartitionResult(path, what, resultSourceRows, resultTargetRows, source, target, resultBytes, resultMillis);
    }

    /** Equal on both sides while the source is at sourceVersion and the target at targetVersion (null: unknown). */
    synchronized void proven(String sourceVersionThen, String targetVersionThen) {
        this.proven = true;
        this.provenSourceVersion = sourceVersionThen;
        boolean hashed = targetVersionThen != null && !ABSENT.equals(targetVersionThen);
        this.provenTargetText = hashed ? null : targetVersionThen;
        long[] h = hashed ? Hash128.of(targetVersionThen) : new long[2];
        this.provenTargetHigh = h[0];
        // a hash's low half is never all zeros here: it tells a hashed version from none (a 2^-64 chance: the version then counts as unknown)
        this.provenTargetLow = hashed && h[0] == 0 && h[1] == 0 ? 1 : h[1];
    }

    synchronized boolean isProven() {
        return proven;
    }

    synchronized String provenSourceVersion() {
        return provenSourceVersion;
    }

    /** Whether the target's version was known when it verified. */
    synchronized boolean provenTargetKnown() {
        return provenTargetText != null || provenTargetHigh != 0 || provenTargetLow != 0;
    }

    /** Whether the target is still at the version it verified at (a version now unknown, null, is not). */
    synchronized boolean provenTargetIs(String versionNow) {
        if (versionNow == null || !provenTargetKnown()) return false;
        if (provenTargetText != null) return provenTargetText.equals(versionNow);
        if (ABSENT.equals(versionNow)) return false;
        long[] h = Hash128.of(versionNow);
        return h[0] == provenTargetHigh && h[1] == provenTargetLow;
    }

    // ---- equality of the plan's part, as the record it was

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionTask t && path.equals(t.path) && Objects.equals(filter, t.filter) && action == t.action
                && sourceRows == t.sourceRows && targetRows == t.targetRows && estimatedBytes == t.estimatedBytes
                && Objects.equals(sourceChecksum, t.sourceChecksum) && Objects.equals(targetChecksum, t.targetChecksum)
                && Objects.equals(sourceVersion, t.sourceVersion) && Objects.equals(targetVersion, t.targetVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, action, sourceRows, targetRows, sourceVersion, targetVersion);
    }

    @Override
    public String toString() {
        return path + " " + action.label();
    }
}
