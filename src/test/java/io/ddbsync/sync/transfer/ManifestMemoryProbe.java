package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import io.ddbsync.sync.offline.DigestCache;
import io.ddbsync.sync.offline.ManifestReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Run in a JVM of its own with a small heap by {@link ManifestMemoryTest}: what the shared-directory
 * leg does with a backup directory (manifest with the digest cache, twice, keep the restore
 * directory's unchanged files, copy the rest four at once with {@link LocalCopy}, check the restore directory), or, as the control,
 * the same manifest's entries held in a list, as the manifest did before it streamed.
 * Prints "ok <files> <kept>" and exits 0 when done.
 */
public final class ManifestMemoryProbe {

    private ManifestMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path backup = Path.of(args[1]);
        Path restore = Path.of(args[2]);
        Path state = Path.of(args[3]);
        if (mode.equals("hold")) {
            List<BackupManifest.Entry> held = new ArrayList<>();
            try (ManifestReader entries = BackupManifest.create(backup).entries()) {
                entries.forEachRemaining(held::add);
            }
            System.out.println("ok " + held.size() + " 0");
            return;
        }
        DigestCache first = DigestCache.load(state, backup);
        BackupManifest.create(backup, first);
        first.save();
        DigestCache cache = DigestCache.load(state, backup);
        BackupManifest manifest = BackupManifest.create(backup, cache);
        cache.save();
        BitSet kept = TargetDirectory.keepUnchanged(restore, manifest);
        int keptCount = kept.cardinality();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ManifestReader entries = manifest.entries()) {
            Iterator<LocalCopy.Positioned> notKept = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    while (entries.hasNext() && kept.get(entries.index() + 1)) entries.next();
                    return entries.hasNext();
                }

                @Override
                public LocalCopy.Positioned next() {
                    hasNext();
                    return new LocalCopy.Positioned(entries.next(), entries.index());
                }
            };
            kept.or(LocalCopy.copy(backup, restore, notKept, pool, 4));
        } finally {
            pool.shutdown();
        }
        Files.copy(manifest.file(), restore.resolve(BackupManifest.FILE_NAME));
        TargetDirectory.verify(restore, manifest, kept);
        TargetDirectory.verify(restore, manifest);
        System.out.println("ok " + manifest.fileCount() + " " + keptCount + " reused " + cache.reused());
    }
}
