package io.ddbsync.sync.transfer;

import io.ddbsync.sync.BackupManifest;
import io.ddbsync.sync.ManifestMismatchException;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The target directory of the shared-directory leg, which the runner reaches as a local path
 * (an NFS mount, or the same machine): emptied before the copy, checked after it.
 */
public final class LocalTarget {

    private LocalTarget() {
    }

    /**
     * Removes everything inside the restore directory (creating it if missing), so that it
     * ends with exactly the backup's files; the old manifest goes first, so an interrupted
     * clear never leaves a directory that looks complete.
     */
    public static void clear(Exchange exchange) throws IOException {
        Path restore = TransferPaths.of(exchange).restore();
        Files.createDirectories(restore);
        Files.deleteIfExists(restore.resolve(BackupManifest.FILE_NAME));
        Files.walkFileTree(restore, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) throw e;
                if (!dir.equals(restore)) Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Checks the restore directory against the manifest that arrived with it, and that manifest
     * against the one written at the source. On a mismatch the target's manifest is renamed to
     * MANIFEST.sha256.failed, so the directory no longer looks like a complete backup.
     */
    public static void verify(Exchange exchange) throws IOException, ManifestMismatchException, TransferException {
        Path restore = TransferPaths.of(exchange).restore();
        BackupManifest written = exchange.getProperty(TransferHeaders.MANIFEST, BackupManifest.class);
        try {
            BackupManifest arrived = BackupManifest.read(restore);
            if (!arrived.entries().equals(written.entries())) {
                throw new TransferException("the manifest in " + restore + " differs from the one written at the source");
            }
            arrived.verify(restore);
        } catch (IOException | ManifestMismatchException | TransferException | RuntimeException e) {
            Path manifest = restore.resolve(BackupManifest.FILE_NAME);
            if (Files.exists(manifest)) {
                Files.move(manifest, restore.resolve(BackupManifest.FILE_NAME + ".failed"), StandardCopyOption.REPLACE_EXISTING);
            }
            throw e;
        }
    }
}
