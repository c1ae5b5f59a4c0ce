package io.ddbsync.sync.offline;

import io.ddbsync.Requirements;
import io.ddbsync.sync.transfer.BackupTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupManifestTest {

    @TempDir
    Path tmp;

    @Test
    void listsEveryFileWithSizeAndHashAndReadsBackTheSame() throws Exception {
        Path backup = BackupTree.write(tmp.resolve("backup"), 3 << 20);
        List<String> files = BackupTree.files(backup);
        BackupManifest manifest = BackupManifest.create(backup);
        List<BackupManifest.Entry> entries = Manifests.entries(manifest);

        assertEquals(files, entries.stream().map(BackupManifest.Entry::path).toList());
        assertEquals(files.stream().mapToLong(f -> backup.resolve(f).toFile().length()).sum(), manifest.totalBytes());
        assertEquals(files.size(), manifest.fileCount());
        assertTrue(entries.stream().anyMatch(e -> e.size() == 0), "empty files are listed");

        assertEquals(entries, Manifests.entries(BackupManifest.read(backup)));
        assertEquals(entries, Manifests.entries(BackupManifest.create(backup)), "the manifest does not list itself");
        assertFalse(Files.exists(backup.resolve(BackupManifest.FILE_NAME + ".part")));
        assertFalse(Files.exists(backup.resolve(BackupManifest.FILE_NAME + ".body")));
        BackupManifest.read(backup).verify(backup);
    }

    @Test
    void sha256sumChecksTheManifestOnItsOwn() throws Exception {
        Requirements.require(Files.isExecutable(Path.of("/usr/bin/sha256sum")), "/usr/bin/sha256sum (coreutils)");
        Path backup = BackupTree.write(tmp.resolve("backup"), 1 << 20);
        BackupManifest.create(backup);

        assertEquals(0, sha256sumCheck(backup));
        Files.write(backup.resolve("db1/20240103/mt_2/price.col"), new byte[] {1, 2, 3});
        assertEquals(1, sha256sumCheck(backup));
    }

    @Test
    void namesTheFirstMissingTruncatedAlteredOrUnexpectedFile() throws Exception {
        Path backup = BackupTree.write(tmp.resolve("backup"), 1 << 20);
        BackupManifest manifest = BackupManifest.create(backup);

        Path price = backup.resolve("db1/20240102/mt_2/price.col");
        byte[] original = Files.readAllBytes(price);
        Files.write(price, java.util.Arrays.copyOf(original, original.length - 1));
        assertProblem(manifest, backup, ManifestMismatchException.Problem.TRUNCATED, "db1/20240102/mt_2/price.col");

        original[100] ^= 1;
        Files.write(price, original);
        assertProblem(manifest, backup, ManifestMismatchException.Problem.ALTERED, "db1/20240102/mt_2/price.col");

        Files.delete(price);
        assertProblem(manifest, backup, ManifestMismatchException.Problem.MISSING, "db1/20240102/mt_2/price.col");

        original[100] ^= 1;
        Files.write(price, original);
        Files.writeString(backup.resolve("db1/stray.part"), "half");
        assertProblem(manifest, backup, ManifestMismatchException.Problem.UNEXPECTED, "db1/stray.part");
    }

    @Test
    void refusesNamesThatSha256sumWouldEscape() throws IOException {
        Path backup = Files.createDirectories(tmp.resolve("backup"));
        Files.writeString(backup.resolve("a\\b"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackupManifest.create(backup));
        assertTrue(e.getMessage().contains("a\\b"), e.getMessage());
    }

    @Test
    void rejectsALineThatIsNotSha256sumFormat() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("restore"));
        Files.writeString(dir.resolve(BackupManifest.FILE_NAME), "# size 1\nnot a hash line\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackupManifest.read(dir));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    /**
     * A line whose path leaves the directory or is not normalized, or whose hash is not 64 lower-case
     * hex digits, is refused; names merely starting with or holding dots are files like any other.
     */
    @Test
    void refusesPathsThatAreNotNormalizedAndHashesThatAreNotSha256() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("restore"));
        String hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        for (String path : List.of("../x", "a/../x", "a/./x", "./x", "a//x", "a/..", ".", "/a", "a/")) {
            Files.writeString(dir.resolve(BackupManifest.FILE_NAME), "# size 0\n" + hash + "  " + path + "\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackupManifest.read(dir), path);
            assertTrue(e.getMessage().contains("relative"), path + ": " + e.getMessage());
        }
        for (String bad : List.of(hash.toUpperCase(java.util.Locale.ROOT), hash.substring(1) + "g", hash.replace('e', ' '))) {
            Files.writeString(dir.resolve(BackupManifest.FILE_NAME), "# size 0\n" + bad + "  a\n");
            assertThrows(IllegalArgumentException.class, () -> BackupManifest.read(dir), bad);
        }
        Files.writeString(dir.resolve(BackupManifest.FILE_NAME), "# size 0\n" + hash + "  ...\n# size 0\n" + hash + "  .a/..b/c..\n");
        assertEquals(2, BackupManifest.read(dir).fileCount());
    }

    /**
     * Names holding characters that sort before '/' ('-', '.', '!', ' ', '+'): a walk that sorted each
     * directory's names would list a directory's files before such a sibling; the manifest lists
     * them in the order of the full paths, as String.compareTo sorts them.
     */
    @Test
    void listsNamesThatSortBeforeTheSlashInFullPathOrder() throws Exception {
        Path backup = Files.createDirectories(tmp.resolve("backup"));
        List<String> names = List.of("a/x", "a/y/z", "a-b", "a.c", "a!", "a b/q", "a+/r", "ab", "a", "b/a-b", "b/a/x", "b/a.c/d", "A", "_m");
        for (String name : names.stream().filter(n -> !n.equals("a")).toList()) {
            Files.createDirectories(backup.resolve(name).getParent());
            Files.writeString(backup.resolve(name), name);
        }
        Files.writeString(backup.resolve("a0"), "a0");
        List<String> sorted = java.util.stream.Stream.concat(names.stream().filter(n -> !n.equals("a")), java.util.stream.Stream.of("a0"))
                .sorted().toList();

        BackupManifest manifest = BackupManifest.create(backup);

        assertEquals(sorted, Manifests.entries(manifest).stream().map(BackupManifest.Entry::path).toList());
        assertTrue(sorted.indexOf("a-b") < sorted.indexOf("a/x"), "the order the test is about");
        manifest.verify(backup);
        Files.writeString(backup.resolve("a/w"), "stray");
        Files.writeString(backup.resolve("a!!"), "stray");
        assertProblem(manifest, backup, ManifestMismatchException.Problem.UNEXPECTED, "a!!");
    }

    @Test
    void aManifestWithABadLineInTheMiddleIsRefusedWhole() throws Exception {
        Path backup = BackupTree.write(tmp.resolve("backup"), 1 << 16);
        BackupManifest.create(backup);
        Path file = backup.resolve(BackupManifest.FILE_NAME);
        List<String> lines = Files.readAllLines(file);
        int middle = lines.size() / 4 * 2; // a hash line: the header, then a size line and a hash line per file
        assertTrue(lines.get(middle).matches("[0-9a-f]{64}  .+"), lines.get(middle));

        List<String> damaged = new java.util.ArrayList<>(lines);
        damaged.set(middle, "Z" + lines.get(middle).substring(1));
        Files.write(file, damaged);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BackupManifest.read(backup));
        assertTrue(e.getMessage().contains("line " + (middle + 1)) && e.getMessage().contains(file.toString()), e.getMessage());

        // two entries swapped: each line is well formed, but a manifest lists each file once, in path order
        List<String> swapped = new java.util.ArrayList<>(lines);
        java.util.Collections.swap(swapped, middle, middle + 2);
        java.util.Collections.swap(swapped, middle - 1, middle + 1);
        Files.write(file, swapped);
        e = assertThrows(IllegalArgumentException.class, () -> BackupManifest.read(backup));
        assertTrue(e.getMessage().contains("line " + (middle + 3)) && e.getMessage().contains("path order"), e.getMessage());
    }

    @Test
    void aManifestReplacedAfterItWasWrittenIsNotReadAsThisRunsOne() throws Exception {
        Path backup = BackupTree.write(tmp.resolve("backup"), 1 << 16);
        BackupManifest first = BackupManifest.create(backup);
        Files.writeString(backup.resolve("db1/added.col"), "a second writer");
        BackupManifest.create(backup);

        IOException e = assertThrows(IOException.class, () -> first.verify(backup));
        assertTrue(e.getMessage().contains("replaced or changed"), e.getMessage());
    }

    @Test
    void writesTheSameBytesAsBeforeItStreamed() throws Exception {
        Path backup = Files.createDirectories(tmp.resolve("backup/b"));
        Files.writeString(backup.resolve("c"), "abc");
        Files.writeString(backup.resolveSibling("a"), "");

        BackupManifest.create(backup.getParent());

        assertEquals("# dolphindb-sync backup manifest: 2 files, 3 bytes. Check: sha256sum -c MANIFEST.sha256\n"
                + "# size 0\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a\n"
                + "# size 3\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  b/c\n",
                Files.readString(backup.resolveSibling(BackupManifest.FILE_NAME)));
    }

    @Test
    void refusesLinksAndReportsALinkWhereAFileIsListedAsMissing() throws Exception {
        Path backup = BackupTree.write(tmp.resolve("backup"), 1 << 16);
        Path link = backup.resolve("db1/20240103/link.col");
        Files.createSymbolicLink(link, backup.resolve("db1/mt.tbl"));
        IOException refused = assertThrows(IOException.class, () -> BackupManifest.create(backup));
        assertTrue(refused.getMessage().contains("db1/20240103/link.col"), refused.getMessage());
        Files.delete(link);

        BackupManifest manifest = BackupManifest.create(backup);
        Files.createSymbolicLink(link, backup.resolve("db1/mt.tbl"));
        IOException linked = assertThrows(IOException.class, () -> manifest.verify(backup));
        assertTrue(linked.getMessage().contains("not a regular file") && linked.getMessage().contains("db1/20240103/link.col"), linked.getMessage());

        Path price = backup.resolve("db1/20240105/mt_2/price.col");
        Files.move(price, backup.resolve("db1/price.col"));
        Files.createSymbolicLink(price, backup.resolve("db1/price.col"));
        assertProblem(manifest, backup, ManifestMismatchException.Problem.MISSING, "db1/20240105/mt_2/price.col");
    }

    private static void assertProblem(BackupManifest manifest, Path dir, ManifestMismatchException.Problem problem, String path) {
        ManifestMismatchException e = assertThrows(ManifestMismatchException.class, () -> manifest.verify(dir));
        assertEquals(problem, e.problem(), e.getMessage());
        assertEquals(path, e.path());
        assertTrue(e.getMessage().contains(path) && e.getMessage().contains(dir.toString()), e.getMessage());
    }

    private static int sha256sumCheck(Path dir) throws Exception {
        Process p = new ProcessBuilder("sha256sum", "-c", "--quiet", "--strict", BackupManifest.FILE_NAME)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        return p.exitValue();
    }
}
