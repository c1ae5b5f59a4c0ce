package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import io.ddbsync.sync.offline.ManifestMismatchException;
import io.ddbsync.sync.offline.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared-directory leg's merge of the restore directory with the manifest, with names that sort
 * before '/' (a sibling "a-b" comes before the files "a/..." of a directory "a" in path order).
 */
class TargetDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void keepsTheFilesEqualToTheirEntriesRemovesTheRestAndChecksByMerging() throws Exception {
        Path backup = tmp.resolve("backup");
        for (String name : List.of("a/x", "a-b", "a.c/d", "a/y", "ab", "a b")) write(backup, name, "content of " + name);
        BackupManifest manifest = BackupManifest.create(backup);
        List<String> order = Manifests.entries(manifest).stream().map(BackupManifest.Entry::path).toList();
        assertEquals(List.of("a b", "a-b", "a.c/d", "a/x", "a/y", "ab"), order);

        Path restore = tmp.resolve("restore");
        write(restore, "a/x", "content of a/x");
        write(restore, "a-b", "content of a-c");
        write(restore, "a.c/d", "content of a.c/d");
        write(restore, "a!", "a stray before the directory");
        write(restore, "a/zz", "a stray inside it");
        write(restore, "ab", "content of ab, longer");
        write(restore, "e/f/g", "a stray in directories of its own");
        write(restore, BackupManifest.FILE_NAME, "# an older manifest\n");

        BitSet kept = TargetDirectory.keepUnchanged(restore, manifest);

        assertEquals(bits(order.indexOf("a.c/d"), order.indexOf("a/x")), kept, "the files equal to their entries, by position");
        assertEquals(List.of("a.c/d", "a/x"), BackupTree.files(restore), "the rest is removed");
        assertFalse(Files.exists(restore.resolve("e")), "directories left empty are removed");

        Files.copy(manifest.file(), restore.resolve(BackupManifest.FILE_NAME));
        ManifestMismatchException missing = assertThrows(ManifestMismatchException.class, () -> TargetDirectory.verify(restore, manifest, kept));
        assertEquals(ManifestMismatchException.Problem.MISSING, missing.problem());
        assertEquals("a b", missing.path(), "the first missing file in path order");
        assertTrue(Files.exists(restore.resolve(BackupManifest.FILE_NAME + ".failed")));

        for (String name : List.of("a b", "a-b", "a/y", "ab")) write(restore, name, "content of " + name);
        Files.move(restore.resolve(BackupManifest.FILE_NAME + ".failed"), restore.resolve(BackupManifest.FILE_NAME));
        TargetDirectory.verify(restore, manifest, kept);

        write(restore, "a/x0", "a stray");
        write(restore, "a-a", "a stray, first in path order");
        ManifestMismatchException stray = assertThrows(ManifestMismatchException.class, () -> TargetDirectory.verify(restore, manifest, kept));
        assertEquals(ManifestMismatchException.Problem.UNEXPECTED, stray.problem());
        assertEquals("a-a", stray.path());
        assertTrue(stray.getMessage().contains("2 file(s)"), stray.getMessage());
    }

    private static BitSet bits(int... positions) {
        BitSet set = new BitSet();
        for (int p : positions) set.set(p);
        return set;
    }

    private static void write(Path root, String name, String content) throws Exception {
        Files.createDirectories(root.resolve(name).getParent());
        Files.writeString(root.resolve(name), content);
    }
}
