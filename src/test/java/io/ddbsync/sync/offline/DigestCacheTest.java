package io.ddbsync.sync.offline;

import io.ddbsync.sync.transfer.BackupTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void aStateFileWithADamagedOrMisplacedLineIsNotUsedAtAllAndTheNextRunRemembersAgain() throws Exception {
        Path backup = BackupTree.write(tmp.resolve("backup"), 1 << 16);
        Path state = tmp.resolve("digests.txt");
        settle();
        List<BackupManifest.Entry> full = Manifests.entries(manifestRun(backup, DigestCache.load(state, backup)));
        List<String> lines = Files.readAllLines(state);
        assertEquals(full.size() + 1, lines.size(), "a line per file after the header");
        assertEquals(full.stream().map(BackupManifest.Entry::path).toList(), lines.stream().skip(1).map(l -> l.split(" ", 6)[5]).toList(),
                "the state lists the files in manifest order");
        int middle = lines.size() / 2;

        List<String> damaged = new ArrayList<>(lines);
        damaged.set(middle, damaged.get(middle).replaceFirst(" [0-9]+ ", " 12x4 "));
        assertNothingReused(backup, state, damaged, full);

        List<String> swapped = new ArrayList<>(lines);
        Collections.swap(swapped, middle, middle + 1);
        assertNothingReused(backup, state, swapped, full);

        List<String> firstVersion = new ArrayList<>(lines);
        firstVersion.set(0, "# dolphindb-sync digest cache v1: sha256 size mtime-ns ctime-ns inode path; directory " + backup);
        assertNothingReused(backup, state, firstVersion, full);

        // the damaged state was replaced by the run: the next one reuses every digest
        DigestCache next = DigestCache.load(state, backup);
        assertEquals(full, Manifests.entries(BackupManifest.create(backup, next)));
        assertEquals(full.size(), next.reused());
    }

    /** With {@code stateLines} as the state file, a run hashes every file, makes the full manifest and saves a sound state. */
    private static void assertNothingReused(Path backup, Path state, List<String> stateLines, List<BackupManifest.Entry> full) throws Exception {
        Files.write(state, stateLines);
        DigestCache cache = DigestCache.load(state, backup);
        assertEquals(full, Manifests.entries(manifestRun(backup, cache)));
        assertEquals(0, cache.reused(), () -> "a damaged state file is not used: " + stateLines);
    }

    @Test
    void aManifestThatFailsLeavesTheStateFileAsItWas() throws Exception {
        Path backup = BackupTree.write(tmp.resolve("backup"), 1 << 16);
        Path state = tmp.resolve("digests.txt");
        settle();
        manifestRun(backup, DigestCache.load(state, backup));
        byte[] before = Files.readAllBytes(state);

        // a name no manifest can hold, last in path order: the walk fails after every other file
        Files.writeString(backup.resolve("z\\x"), "x");
        DigestCache cache = DigestCache.load(state, backup);
        assertThrows(IllegalArgumentException.class, () -> BackupManifest.create(backup, cache));
        cache.save();

        assertArrayEquals(before, Files.readAllBytes(state));
        assertFalse(Files.exists(state.resolveSibling(state.getFileName() + ".tmp")), "no temporary state left");
        assertFalse(Files.exists(backup.resolve(BackupManifest.FILE_NAME + ".body")), "no temporary manifest left");
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
