package io.ddbsync.sync;

/** Names of the exchange properties and headers the sync routes share. */
public final class SyncProperties {
    private SyncProperties() {
    }

    /** The RunReport of the run the exchange belongs to. */
    public static final String REPORT = "DdbSyncReport";

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
