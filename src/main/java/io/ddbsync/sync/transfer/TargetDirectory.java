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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
     * Returns the paths of the files kept, each just found equal to its entry.
     */
    static Set<String> keepUnchanged(Path restore, BackupManifest manifest) throws IOException {
        Files.createDirectories(restore);
        Files.deleteIfExists(restore.resolve(BackupManifest.FILE_NAME));
        Map<String, BackupManifest.Entry> listed = new HashMap<>();
        for (BackupManifest.Entry e : manifest.entries()) listed.put(e.path(), e);
        Set<String> kept = new HashSet<>();
        // entries left in each directory being walked (files kept, directories not removed): one
        // left with none is removed without listing it again
        Deque<int[]> left = new ArrayDeque<>();
        Files.walkFileTree(restore, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                left.push(new int[1]);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String path = restore.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                BackupManifest.Entry wanted = listed.get(path);
                if (attrs.isRegularFile() && wanted != null && attrs.size() == wanted.size()
                        && BackupManifest.hash(file, path).sha256().equals(wanted.sha256())) {
                    kept.add(path);
                    left.peek()[0]++;
                } else {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) throw e;
                int entries = left.pop()[0];
                if (dir.equals(restore)) return FileVisitResult.CONTINUE;
                if (entries == 0) Files.delete(dir);
                else left.peek()[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        return kept;
    }

    /**
     * Checks the restore directory against the manifest that arrived with it, and that manifest
     * against the one written at the source. On a mismatch the target's manifest is renamed to
     * MANIFEST.sha256.failed, so the directory no longer looks like a complete backup.
     */
    static void verify(Path restore, BackupManifest written) throws IOException, ManifestMismatchException, TransferException {
        verify(restore, written, Set.of());
    }

    /** The same, not reading again the files {@link #keepUnchanged} found equal to their entries in this run. */
    static void verify(Path restore, BackupManifest written, Set<String> hashedAlready)
            throws IOException, ManifestMismatchException, TransferException {
        try {
            BackupManifest arrived = BackupManifest.read(restore);
            if (!arrived.entries().equals(written.entries())) {
                throw new TransferException("the manifest in " + restore + " differs from the one written at the source");
            }
            arrived.verify(restore, hashedAlready);
        } catch (IOException | ManifestMismatchException | TransferException | RuntimeException e) {
            Path manifest = restore.resolve(BackupManifest.FILE_NAME);
            if (Files.exists(manifest)) {
                Files.move(manifest, restore.resolve(BackupManifest.FILE_NAME + ".failed"), StandardCopyOption.REPLACE_EXISTING);
            }
            throw e;
        }
    }
}
