package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import io.ddbsync.sync.offline.ManifestMismatchException;
import org.apache.camel.Exchange;

import java.io.IOException;

/**
 * The target directory of the shared-directory leg, which the runner reaches as a local path
 * (an NFS mount, or the same machine): emptied before the copy, checked after it.
 */
public final class LocalTarget {

    private LocalTarget() {
    }

    /** Empties the restore directory ({@link TargetDirectory#clear}). */
    public static void clear(Exchange exchange) throws IOException {
        TargetDirectory.clear(TransferPaths.of(exchange).restore());
    }

    /** Checks the restore directory against the manifest ({@link TargetDirectory#verify}). */
    public static void verify(Exchange exchange) throws IOException, ManifestMismatchException, TransferException {
        TargetDirectory.verify(TransferPaths.of(exchange).restore(), exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class));
    }
}
