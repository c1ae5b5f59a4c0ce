package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import io.ddbsync.sync.offline.ManifestMismatchException;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExecutorServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.BitSet;
import java.util.concurrent.ExecutorService;

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
     * the entries kept, which {@link #copy}, {@link TransferRun#toCopy} and {@link #verify} read.
     */
    public static void keepUnchanged(Exchange exchange) throws IOException {
        BackupManifest manifest = exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class);
        TransferPaths paths = TransferPaths.of(exchange);
        BitSet kept = TargetDirectory.keepUnchanged(paths.restore(), manifest);
        LOG.info("{}: {} of {} files already there, {} to copy", paths.restore(), kept.cardinality(), manifest.fileCount(),
                manifest.fileCount() - kept.cardinality());
        exchange.setProperty(TransferHeaders.KEPT, kept);
    }

    /**
     * Copies the entries not kept into the restore directory, {@code threads} files at once
     * ({@link LocalCopy}), and adds the positions of those read back equal to their entries to
     * {@link TransferHeaders#KEPT}: {@link #verify} reads neither again.
     */
    public static void copy(Exchange exchange, int threads) throws IOException, InterruptedException {
        if (threads < 1) throw new IllegalArgumentException("copyThreads must be at least 1, not " + threads);
        BackupManifest manifest = exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class);
        TransferPaths paths = TransferPaths.of(exchange);
        BitSet hashed = kept(exchange);
        ExecutorServiceManager executors = exchange.getContext().getExecutorServiceManager();
        ExecutorService pool = executors.newFixedThreadPool(LocalTarget.class, "shared-directory copy", threads);
        try (NotKept<LocalCopy.Positioned> entries = new NotKept<>(manifest.entries(), hashed, TransferRun.counted(exchange, LocalCopy.Positioned::new))) {
            BitSet readBack = LocalCopy.copy(paths.backup(), paths.restore(), entries, pool, threads);
            hashed.or(readBack);
        } finally {
            executors.shutdown(pool);
        }
        exchange.setProperty(TransferHeaders.KEPT, hashed);
    }

    /**
     * Checks the restore directory against the manifest ({@link TargetDirectory#verify}); the files kept
     * and the copies read back equal were read in this run already, and only their sizes are checked.
     */
    public static void verify(Exchange exchange) throws IOException, ManifestMismatchException, TransferException {
        TargetDirectory.verify(TransferPaths.of(exchange).restore(), exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class), kept(exchange));
    }

    private static BitSet kept(Exchange exchange) {
        return exchange.getProperty(TransferHeaders.KEPT, new BitSet(), BitSet.class);
    }
}
