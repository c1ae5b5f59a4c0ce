package io.ddbsync.sync.online;

import io.ddbsync.camel.PartitionChecksum;
import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.state.Hash128;

/**
 * What a partition's turn in an online run left, once it ended: kept in the run's records
 * ({@link PartitionRecords}) in place of its {@link PartitionTask}, for the report and the check at
 * the end of the round. Only what those read: its path (the plan's string), how it ended, its rows,
 * bytes and time (the report prints them), its checksums (as two longs when both sides' are the
 * usual 32 hex digits and equal: {@link PartitionChecksum}) and the versions it was proven equal at, as
 * 128-bit hashes ({@link Hash128}: the end of the round only asks whether each is still the same).
 * No filter, no version text: about 110 bytes a partition beside its path, where the plan's entry
 * held about 230 (issue 18: a finished partition must hold less than its plan entry did).
 * <p>
 * Immutable but for its proof, which a catch-up round may settle later ({@link #provenAbsent}):
 * that part is guarded by the object's lock.
 */
final class PartitionRecord {
    /** checksumTexts when both sides' checksums are the one text that checksumHigh and checksumLow spell. */
    private static final Object EQUAL_HEX = new Object();

    /** How a partition's turn ended, for the report's action column. */
    private enum Ended {
        /** Copied (verified or not), or left alone as equal: the report says the action's past tense. */
        DONE,
        /** Skipped: an earlier run verified it (the ledger). */
        RESUMED,
        FAILED
    }

    /** What a proven version was: not proven, unknown (null), no rows ({@link PartitionTask#ABSENT}), or a text kept as its hash. */
    private static final byte NOT_PROVEN = 0;
    private static final byte UNKNOWN = 1;
    private static final byte ABSENT = 2;
    private static final byte HASHED = 3;

    private final String path;
    private final PartitionTask.Action action;
    private final Ended ended;
    private final long sourceRows;
    private final long targetRows;
    private final long bytes;
    private final long millis;
    private final long checksumHigh;
    private final long checksumLow;
    /** null: none; {@link #EQUAL_HEX}: both are the hex text of checksumHigh and checksumLow; else a String[] {source, target}. */
    private final Object checksumTexts;

    // the proof, under the lock: the source's version it was copied from and the target's it verified at
    private byte sourceKind = NOT_PROVEN;
    private byte targetKind = NOT_PROVEN;
    private long sourceHigh;
    private long sourceLow;
    private long targetHigh;
    private long targetLow;

    private PartitionRecord(PartitionTask task, Ended ended, long sourceRows, long targetRows, String sourceChecksum, String targetChecksum,
                            long bytes, long millis) {
        this.path = task.path();
        this.action = task.action();
        this.ended = ended;
        this.sourceRows = sourceRows;
        this.targetRows = targetRows;
        this.bytes = bytes;
        this.millis = millis;
        if (sourceChecksum == null && targetChecksum == null) {
            this.checksumHigh = 0;
            this.checksumLow = 0;
            this.checksumTexts = null;
        } else if (sourceChecksum != null && sourceChecksum.equals(targetChecksum) && PartitionChecksum.isHex(sourceChecksum)) {
            this.checksumHigh = PartitionChecksum.high(sourceChecksum);
            this.checksumLow = PartitionChecksum.low(sourceChecksum);
            this.checksumTexts = EQUAL_HEX;
        } else {
            this.checksumHigh = 0;
            this.checksumLow = 0;
            this.checksumTexts = new String[]{sourceChecksum, targetChecksum};
        }
    }

    /** The partition was copied: rows and checksums as compared (null checksums: not compared, verify=false). */
    static PartitionRecord copied(PartitionTask task, long sourceRows, long targetRows, String sourceChecksum, String targetChecksum, long bytes,
                                  long millis) {
        return new PartitionRecord(task, Ended.DONE, sourceRows, targetRows, sourceChecksum, targetChecksum, bytes, millis);
    }

    /** Left alone (UNCHANGED): as the plan compared it, proven equal at the versions the plan saw. */
    static PartitionRecord unchanged(PartitionTask task) {
        PartitionRecord r = new PartitionRecord(task, Ended.DONE, task.sourceRows(), task.targetRows(), task.sourceChecksum(), task.targetChecksum(),
                0, 0);
        r.proven(task.sourceVersion(), task.targetVersion());
        return r;
    }

    /** Skipped: an earlier run of the same window verified it, neither side written since (proven at the plan's versions). */
    static PartitionRecord resumed(PartitionTask task) {
        PartitionRecord r = new PartitionRecord(task, Ended.RESUMED, task.sourceRows(), -1, null, null, 0, 0);
        r.proven(task.sourceVersion(), task.targetVersion());
        return r;
    }

    /** The partition failed, after moving these bytes. */
    static PartitionRecord failed(PartitionTask task, long bytes, long millis) {
        return new PartitionRecord(task, Ended.FAILED, task.sourceRows(), -1, null, null, bytes, millis);
    }

    String path() {
        return path;
    }

    /** What the report shows of it. */
    RunReport.PartitionResult result() {
        String what = switch (ended) {
            case DONE -> action.done();
            case RESUMED -> RunReport.RESUMED;
            case FAILED -> "failed";
        };
        String source = checksumTexts == EQUAL_HEX ? PartitionChecksum.text(checksumHigh, checksumLow)
                : checksumTexts instanceof String[] texts ? texts[0] : null;
        String target = checksumTexts == EQUAL_HEX ? source : checksumTexts instanceof String[] texts ? texts[1] : null;
        return new RunReport.PartitionResult(path, what, sourceRows, targetRows, source, target, bytes, millis);
    }

    /** Equal on both sides while the source is at sourceVersion and the target at targetVersion (null: unknown). Returns this record. */
    synchronized PartitionRecord proven(String sourceVersion, String targetVersion) {
        sourceKind = kind(sourceVersion);
        targetKind = kind(targetVersion);
        long[] s = sourceKind == HASHED ? Hash128.of(sourceVersion) : new long[2];
        long[] t = targetKind == HASHED ? Hash128.of(targetVersion) : new long[2];
        sourceHigh = s[0];
        sourceLow = s[1];
        targetHigh = t[0];
        targetLow = t[1];
        return this;
    }

    /** No side has rows in it any more (a catch-up round found it gone from both): both sides empty, equal. */
    void provenAbsent() {
        proven(PartitionTask.ABSENT, PartitionTask.ABSENT);
    }

    synchronized boolean isProven() {
        return sourceKind != NOT_PROVEN;
    }

    /** Whether the target's version was known when it verified. */
    synchronized boolean provenTargetKnown() {
        return targetKind == ABSENT || targetKind == HASHED;
    }

    /** Whether the target is still at the version it verified at (a version now unknown, null, is not). */
    synchronized boolean provenTargetIs(String versionNow) {
        return is(targetKind, targetHigh, targetLow, versionNow);
    }

    /** Whether the source is still at the version it was copied from (a version unknown then or now is not). */
    synchronized boolean provenSourceIs(String versionNow) {
        return is(sourceKind, sourceHigh, sourceLow, versionNow);
    }

    private static byte kind(String version) {
        if (version == null) return UNKNOWN;
        return PartitionTask.ABSENT.equals(version) ? ABSENT : HASHED;
    }

    private static boolean is(byte kind, long high, long low, String versionNow) {
        if (versionNow == null || kind == NOT_PROVEN || kind == UNKNOWN) return false;
        if (kind == ABSENT) return PartitionTask.ABSENT.equals(versionNow);
        if (PartitionTask.ABSENT.equals(versionNow)) return false;
        long[] h = Hash128.of(versionNow);
        return h[0] == high && h[1] == low;
    }

    @Override
    public String toString() {
        return path + " " + ended;
    }
}
