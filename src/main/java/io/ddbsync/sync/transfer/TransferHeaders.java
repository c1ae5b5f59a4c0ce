package io.ddbsync.sync.transfer;

/**
 * The contract between the offline route and a transfer leg ({@code direct:<jobId>-transfer},
 * routes/transfer-legs.yaml).
 */
public final class TransferHeaders {

    /** In, header: absolute local path of this run's backup directory on the source host. */
    public static final String BACKUP_PATH = "DdbSyncBackupPath";
    /** In, header: absolute path on the target host where the backup's files must land. */
    public static final String RESTORE_PATH = "DdbSyncRestorePath";

    /**
     * In, optional header: the state file in which the leg keeps the SHA-256 of the backup's files
     * between runs ({@link io.ddbsync.sync.offline.DigestCache}), so the manifest hashes only the
     * files changed since; absent: every file is hashed.
     */
    public static final String DIGEST_CACHE = "DdbSyncDigestCache";

    /** Out, property (Long): bytes of the backup's files, the manifest aside. */
    public static final String TRANSFER_BYTES = "DdbSyncTransferBytes";
    /**
     * Out, property (Long): bytes of the backup's files this run moved to the target, the manifest
     * aside: those the leg copied or uploaded, not those it found there already; for the rsync leg,
     * what rsync reports it sent whole or in part ("Total transferred file size").
     */
    public static final String MOVED_BYTES = "DdbSyncTransferMovedBytes";
    /** Out, property (Integer): number of the backup's files, the manifest aside. */
    public static final String TRANSFER_FILES = "DdbSyncTransferFiles";
    /** Out, property (Long): the whole leg: manifest, move, check on the target. */
    public static final String TRANSFER_MILLIS = "DdbSyncTransferMillis";
    /** Out, property (Long): the move alone. */
    public static final String COPY_MILLIS = "DdbSyncCopyMillis";

    /** Property (BackupManifest): the manifest written for this run, a handle on its file (the entries are read from it). */
    public static final String MANIFEST = "DdbSyncManifest";
    /**
     * Property (BitSet): the entries of the manifest, by position in manifest order, whose files the
     * shared-directory leg, or the SFTP leg on a target that runs commands, found on the target
     * already, equal to their entries (hashed in this run); the leg moves the others. The
     * shared-directory leg adds, after its copy, those whose copies it read back equal: its check
     * does not read them again.
     */
    public static final String KEPT = "DdbSyncKeptFiles";
    /** Property (String): what the leg is doing, for the error message if it fails. */
    public static final String STAGE = "DdbSyncTransferStage";

    static final String STARTED_NANOS = "DdbSyncTransferStartedNanos";
    static final String COPY_STARTED_NANOS = "DdbSyncCopyStartedNanos";
    /** Property (AtomicLong): {@link #MOVED_BYTES} as the copy or upload goes. */
    static final String MOVED_SO_FAR = "DdbSyncTransferMovedSoFar";

    private TransferHeaders() {
    }
}
