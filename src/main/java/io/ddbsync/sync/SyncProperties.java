package io.ddbsync.sync;

/** Names of the exchange properties and headers the sync routes share. */
public final class SyncProperties {
    private SyncProperties() {
    }

    /** The RunReport of the run the exchange belongs to. */
    public static final String REPORT = "DdbSyncReport";
}
