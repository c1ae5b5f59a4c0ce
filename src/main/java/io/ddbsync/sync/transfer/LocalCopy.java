package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared-directory leg's copy: the manifest's entries not kept, copied into the restore
 * directory a few files at once, each under a temporary name renamed when whole, then read back
 * from the target's disk and hashed.
 *
 * <p>A backup has thousands of small files (5 a partition): per file, the copy is a few system calls
 * (open both, {@code transferTo}, close, rename) and the wait is the file system's, so files go in
 * parallel, {@code threads} at a time. A file whose bytes read back under its own name have the
 * manifest's size and SHA-256 is marked in {@link #readBack}: the check that follows (which still
 * walks the whole directory: every file there, with its size, nothing else) does not read it again.
 * A file read back different is left unmarked, for that check to name it.
 *
 * <p>Nothing is forced to disk ({@code fsync}): the files are restored in this same run, after the
 * check, from the page cache; if the host goes down before that, the next run's leg reads every kept
 * file again ({@link TargetDirectory#keepUnchanged}) and copies whatever a crash cut short, so no run
 * relies on the copy having reached the disk.
 */
final class LocalCopy {
    private static final String PART_SUFFIX = ".part";

    private final Path backup;
    private final Path restore;
    private final BitSet readBack = new BitSet();

    private LocalCopy(Path backup, Path restore) {
        this.backup = backup;
        this.restore = restore;
    }

    /**
     * Copies {@code entries} (each with its position in manifest order) from {@code backup} into
     * {@code restore} on {@code pool}, at most {@code threads} at once; stops at the first failure,
     * waits for the copies under way and throws it. Returns the positions of the entries whose copies
     * were read back equal to them.
     */
    static BitSet copy(Path backup, Path restore, Iterator<Positioned> entries, ExecutorService pool, int threads)
            throws IOException, InterruptedException {
        return new LocalCopy(backup, restore).run(entries, pool, threads);
    }

    /** One manifest entry with its position in manifest order. */
    record Positioned(BackupManifest.Entry entry, int index) {
    }

    private BitSet run(Iterator<Positioned> entries, ExecutorService pool, int threads) throws IOException, InterruptedException {
        Semaphore slots = new Semaphore(threads);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Path lastDirectory = null;
        try {
            while (failure.get() == null && entries.hasNext()) {
                Positioned next = entries.next();
                Path target = restore.resolve(next.entry().path());
                // entries come in path order: a directory's files follow one another, so it is made once
                Path directory = target.getParent();
                if (!directory.equals(lastDirectory)) {
                    Files.createDirectories(directory);
                    lastDirectory = directory;
                }
                slots.acquire();
                try {
                    pool.execute(() -> {
                        try {
                            if (failure.get() == null) copyOne(next, target);
                        } catch (IOException | RuntimeException e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            slots.release();
                        }
                    });
                } catch (RuntimeException rejected) {
                    slots.release();
                    throw rejected;
                }
            }
        } finally {
            // the copies under way end before anything else happens to the directory
            slots.acquireUninterruptibly(threads);
        }
        Exception first = failure.get();
        if (first instanceof IOException io) throw io;
        if (first != null) throw (RuntimeException) first;
        return readBack;
    }

    private void copyOne(Positioned positioned, Path target) throws IOException {
        BackupManifest.Entry entry = positioned.entry();
        Path part = target.resolveSibling(target.getFileName() + PART_SUFFIX);
        try {
            transfer(backup.resolve(entry.path()), part);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        BackupManifest.Entry copied = BackupManifest.hash(target, entry.path());
        if (copied.equals(entry)) {
            synchronized (readBack) {
                readBack.set(positioned.index());
            }
        }
    }

    private static void transfer(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
                long n = in.transferTo(done, size - done, out);
                if (n <= 0) break; // the file was cut short while read: the check after the copy names it
                done += n;
            }
        }
    }
}
