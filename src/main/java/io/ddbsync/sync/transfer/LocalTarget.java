package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import io.ddbsync.sync.offline.ManifestMismatchException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.BitSet;

/**
 * The target directory of the shared-directory leg, which the runner reaches as a local path
 * (an NFS mount, or the same machine): made ready before the copy, checked after it. Files the
 * directory already holds with the manifest's size and SHA-256 (read here, in this run) stay, so
 * a kept copy-files backup moves only what DolphinDB backed up since the last run.
 */
public final class LocalTarget {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTarget.class);

    private LocalTarget() {
    }

    /**
     * Removes from the restore directory its manifest and every file that is not the manifest's
     * ({@link TargetDirectory#keepUnchanged}); sets {@link TransferHeaders#KEPT}, the positions of
     * the entries kept, which {@link TransferRun#toCopy} and {@link #verify} read.
     */
    public static void keepUnchanged(Exchange exchange) throws IOException {
        BackupManifest manifest = exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class);
        TransferPaths paths = TransferPaths.of(exchange);
        BitSet kept = TargetDirectory.keepUnchanged(paths.restore(), manifest);
        LOG.info("{}: {} of {} files already there, {} to copy", paths.restore(), kept.cardinality(), manifest.fileCount(),
                manifest.fileCount() - kept.cardinality());
        exchange.setProperty(TransferHeaders.KEPT, kept);
    }

    /** Checks the restore directory against the manifest ({@link TargetDirectory#verify}); the kept files were read by keepUnchanged. */
    public static void verify(Exchange exchange) throws IOException, ManifestMismatchException, TransferException {
        TargetDirectory.verify(TransferPaths.of(exchange).restore(), exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class), kept(exchange));
    }

    private static BitSet kept(Exchange exchange) {
        return exchange.getProperty(TransferHeaders.KEPT, new BitSet(), BitSet.class);
    }
}
