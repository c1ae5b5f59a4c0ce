package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import io.ddbsync.sync.offline.ManifestMismatchException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Emptying and checking a restore directory through java.nio, wherever its file system is: this
 * machine's (the shared-directory leg) or a target host's over SFTP (the SFTP leg on a host that
 * runs no commands).
 */
final class TargetDirectory {

    private TargetDirectory() {
    }

    /**
     * Removes everything inside the restore directory (creating it if missing), so that it
     * ends with exactly the backup's files; the old manifest goes first, so an interrupted
     * clear never leaves a directory that looks complete.
     */
    static void clear(Path restore) throws IOException {
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
    static void verify(Path restore, BackupManifest written) throws IOException, ManifestMismatchException, TransferException {
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
