package io.ddbsync.sync.run;

/** Names of the exchange properties and headers the sync routes share. */
public final class SyncProperties {
    private SyncProperties() {
    }

    /** The RunReport of the run the exchange belongs to. */
    public static final String REPORT = "DdbSyncReport";
    /** The run's SyncWindow, resolved once when the run starts. */
    public static final String WINDOW = "DdbSyncWindow";
    /** The run's id (its start time, yyyyMMdd-HHmmss-SSS). */
    public static final String RUN_ID = "DdbSyncRunId";
    /** Set (to the reason, naming the holder) when a run was refused because the job is running elsewhere. */
    public static final String REFUSED = "DdbSyncRefused";
    /** When the run started (System.nanoTime()). */
    public static final String RUN_STARTED = "DdbSyncRunStarted";
    /** The run's overall deadline, when its job sets one (SyncRuns.StageDeadline). */
    public static final String DEADLINE = "DdbSyncDeadline";
    /** Prefix of the properties holding each stage's start time. */
    public static final String STAGE_STARTED = "DdbSyncStageStarted.";

    /** Header: absolute local path of the backup directory a transfer leg moves. */
    public static final String BACKUP_PATH = "DdbSyncBackupPath";
    /** Header: absolute path on the target host where a transfer leg puts the files. */
    public static final String RESTORE_PATH = "DdbSyncRestorePath";
    /**
     * Property set by a transfer leg: bytes of the backup's files it moved to the target in this run
     * (not those it found there already); absent if the leg could not tell.
     */
    public static final String TRANSFER_MOVED_BYTES = "DdbSyncTransferMovedBytes";
    /** Property set by a transfer leg: milliseconds the move took. */
    public static final String TRANSFER_MILLIS = "DdbSyncTransferMillis";

    /** Online sync: the state of the run (window, plan, failures), an {@code io.ddbsync.sync.online.OnlineRun}. */
    public static final String ONLINE_RUN = "DdbSyncOnlineRun";
    /** Online sync: what the plan step reads from the source (partitions or stats inside the window). */
    public static final String SOURCE_LISTING = "DdbSyncSourceListing";
    /** Online sync: the same from the target; absent when the target table does not exist (dry run). */
    public static final String TARGET_LISTING = "DdbSyncTargetListing";
    /** Online sync, per partition: its {@code PartitionProgress} (task, rows and bytes so far). */
    public static final String PROGRESS = "DdbSyncProgress";
    /** Online sync, per partition: the source's stats, compared with the target's after the copy. */
    public static final String SOURCE_STATS = "DdbSyncSourceStats";
}
