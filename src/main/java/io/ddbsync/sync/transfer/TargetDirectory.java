package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import io.ddbsync.sync.offline.ManifestMismatchException;
import io.ddbsync.sync.offline.ManifestReader;
import io.ddbsync.sync.offline.OrderedHashing;
import io.ddbsync.sync.offline.PathOrderWalk;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.BitSet;

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
     * Makes the restore directory ready for the files of {@code manifest} that it does not hold
     * already: the old manifest goes first (an interrupted run never leaves a directory that looks
     * complete), then every file the manifest does not list with that size and SHA-256, read here
     * (so a file damaged on the target is replaced, never kept), and the directories left empty.
     * Returns the positions (in manifest order) of the entries whose files were kept: a walk of the
     * directory in path order merged with the manifest, one bit a file rather than a set of paths.
     * The files are hashed a few at once ({@link OrderedHashing}); kept or deleted in path order.
     */
    static BitSet keepUnchanged(Path restore, BackupManifest manifest) throws IOException {
        Files.createDirectories(restore);
        Files.deleteIfExists(restore.resolve(BackupManifest.FILE_NAME));
        BitSet kept = new BitSet();
        try (ManifestReader listed = manifest.entries(); OrderedHashing hashing = OrderedHashing.start()) {
            PathOrderWalk.walk(restore, new PathOrderWalk.Visitor<RuntimeException>() {
                @Override
                public void file(String path, Path file, boolean regular, long size) throws IOException {
                    listed.skipBefore(path);
                    BackupManifest.Entry wanted = listed.peek();
                    if (!regular || wanted == null || !wanted.path().equals(path) || size != wanted.size()) {
                        hashing.then(() -> Files.delete(file));
                        return;
                    }
                    listed.next();
                    int index = listed.index();
                    // read on the hashing threads; kept or deleted in path order
                    hashing.hash(file, path, found -> {
                        if (found.equals(wanted)) {
                            kept.set(index);
                        } else {
                            Files.delete(file);
                        }
                    });
                }

                @Override
                public void directoryDone(String path, Path dir) throws IOException {
                    if (path.isEmpty()) return;
                    // after the deletions of the files inside it, which come before it in order
                    hashing.then(() -> {
                        try {
                            Files.delete(dir);
                        } catch (DirectoryNotEmptyException keptFilesInside) {
                            // it holds files kept: it stays
                        }
                    });
                }
            });
            hashing.finish();
        }
        return kept;
    }

    /**
     * Checks the restore directory against the manifest that arrived with it, and that manifest
     * against the one written at the source. On a mismatch the target's manifest is renamed to
     * MANIFEST.sha256.failed, so the directory no longer looks like a complete backup.
     */
    static void verify(Path restore, BackupManifest written) throws IOException, ManifestMismatchException, TransferException {
        verify(restore, written, new BitSet());
    }

    /**
     * The same, not reading again the files {@link #keepUnchanged} found equal to their entries in
     * this run. The arrived manifest is read once, side by side with the written one; the files are
     * then checked against the written one, which is local (the arrived one may be across SFTP).
     */
    static void verify(Path restore, BackupManifest written, BitSet hashedAlready)
            throws IOException, ManifestMismatchException, TransferException {
        Path arrived = restore.resolve(BackupManifest.FILE_NAME);
        try {
            if (!written.listsTheSameAs(arrived)) {
                throw new TransferException("the manifest in " + restore + " differs from the one written at the source");
            }
            written.verify(restore, hashedAlready);
        } catch (IOException | ManifestMismatchException | TransferException | RuntimeException e) {
            if (Files.exists(arrived)) {
                Files.move(arrived, restore.resolve(BackupManifest.FILE_NAME + ".failed"), StandardCopyOption.REPLACE_EXISTING);
            }
            throw e;
        }
    }
}
