package io.ddbsync.sync.offline;

import io.ddbsync.sync.transfer.BackupTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The manifest of a kept backup directory hashes only the files changed since the last run, and
 * never takes a remembered digest for a file whose content changed. Each test compares the manifest
 * made with the cache to one made by hashing every file.
 */
class DigestCacheTest {

    @TempDir
    Path tmp;

    @Test
    void aSettledFileIsHashedOnceAndItsDigestReused() throws Exception {
        Path backup = BackupTree.write(tmp.resolve("backup"), 1 << 20);
        Path state = tmp.resolve("state/digests.txt");
        settle();

        DigestCache first = DigestCache.load(state, backup);
        BackupManifest hashed = manifestRun(backup, first);
        assertEquals(0, first.reused(), "nothing was known before the first run");

        DigestCache second = DigestCache.load(state, backup);
        List<BackupManifest.Entry> cached = Manifests.entries(BackupManifest.create(backup, second));
        assertEquals(hashed.fileCount(), second.reused(), "every unchanged file's digest is reused");
        assertEquals(Manifests.entries(BackupManifest.create(backup)), cached);
    }

    @Test
    void aFileRewrittenWithTheSameSizeAndMtimeIsHashedAgain() throws Exception {
        Path backup = BackupTree.write(tmp.resolve("backup"), 1 << 20);
        Path state = tmp.resolve("digests.txt");
        settle();
        manifestRun(backup, DigestCache.load(state, backup));

        // same size, same mtime put back: only ctime (and the content) tell
        Path price = backup.resolve("db1/20240103/mt_2/price.col");
        FileTime mtime = Files.getLastModifiedTime(price);
        byte[] bytes = Files.readAllBytes(price);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(price, bytes);
        Files.setLastModifiedTime(price, mtime);

        DigestCache second = DigestCache.load(state, backup);
        List<BackupManifest.Entry> cached = Manifests.entries(BackupManifest.create(backup, second));
        BackupManifest full = BackupManifest.create(backup);
        assertEquals(Manifests.entries(full), cached, "the altered file's new digest is in the manifest");
        assertEquals(full.fileCount() - 1, second.reused());
    }

    @Test
    void aFileWrittenMomentsBeforeItsHashingIsNotRemembered() throws Exception {
        // written within the file system's time granularity of the hashing, a second write of the
        // same size might keep its stamp: such a digest is never reused
        Path backup = BackupTree.write(tmp.resolve("backup"), 1 << 16);
        Path state = tmp.resolve("digests.txt");
        manifestRun(backup, DigestCache.load(state, backup));

        DigestCache second = DigestCache.load(state, backup);
        BackupManifest.create(backup, second);
        assertEquals(0, second.reused());
    }

    @Test
    void aDamagedOrForeignStateFileOnlyCostsTheHashing() throws Exception {
        Path backup = BackupTree.write(tmp.resolve("backup"), 1 << 16);
        Path other = BackupTree.write(tmp.resolve("other"), 1 << 16);
        Path state = tmp.resolve("digests.txt");
        settle();
        manifestRun(other, DigestCache.load(state, other));

        DigestCache foreign = DigestCache.load(state, backup);
        assertEquals(Manifests.entries(BackupManifest.create(backup)), Manifests.entries(BackupManifest.create(backup, foreign)));
        assertEquals(0, foreign.reused(), "digests of another directory are not used");

        byte[] text = Files.readAllBytes(state);
        Files.write(state, java.util.Arrays.copyOf(text, text.length / 2 + 7));
        DigestCache damaged = DigestCache.load(state, other);
        assertEquals(Manifests.entries(BackupManifest.create(other)), Manifests.entries(BackupManifest.create(other, damaged)));
        assertEquals(0, damaged.reused(), "a state file cut short is not used at all");
    }

    /** What a leg does with the cache: the manifest made with it, then its digests saved for the next run. */
    private static BackupManifest manifestRun(Path backup, DigestCache digests) throws Exception {
        BackupManifest manifest = BackupManifest.create(backup, digests);
        digests.save();
        return manifest;
    }

    /** Lets the files' times fall behind the file system's granularity, so their digests may be remembered. */
    private static void settle() throws InterruptedException {
        Thread.sleep(DigestCache.SETTLED_MILLIS + 500);
    }
}
