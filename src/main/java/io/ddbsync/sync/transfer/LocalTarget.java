package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import io.ddbsync.sync.offline.ManifestMismatchException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Set;

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
     * ({@link TargetDirectory#keepUnchanged}); sets {@link TransferHeaders#TO_COPY}, the entries
     * still to copy, and {@link TransferHeaders#KEPT}, the paths kept.
     */
    public static void keepUnchanged(Exchange exchange) throws IOException {
        BackupManifest manifest = exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class);
        TransferPaths paths = TransferPaths.of(exchange);
        Set<String> kept = TargetDirectory.keepUnchanged(paths.restore(), manifest);
        List<BackupManifest.Entry> toCopy = manifest.entries().stream().filter(e -> !kept.contains(e.path())).toList();
        LOG.info("{}: {} of {} files already there, {} to copy", paths.restore(), kept.size(), manifest.fileCount(), toCopy.size());
        exchange.setProperty(TransferHeaders.KEPT, kept);
        exchange.setProperty(TransferHeaders.TO_COPY, toCopy);
    }

    /** Checks the restore directory against the manifest ({@link TargetDirectory#verify}); the kept files were read by keepUnchanged. */
    @SuppressWarnings("unchecked")
    public static void verify(Exchange exchange) throws IOException, ManifestMismatchException, TransferException {
        Set<String> kept = exchange.getProperty(TransferHeaders.KEPT, Set.of(), Set.class);
        TargetDirectory.verify(TransferPaths.of(exchange).restore(), exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class), kept);
    }
}
