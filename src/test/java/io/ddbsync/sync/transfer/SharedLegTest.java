package io.ddbsync.sync.transfer;

import io.ddbsync.Requirements;
import io.ddbsync.sync.offline.BackupManifest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared-directory leg (camel-file) with plain directories. */
class SharedLegTest extends TransferRoutesTestSupport {

    private final List<Path> madeUnwritable = new ArrayList<>();

    @Override
    String jobsResource() {
        return "transfer/shared-jobs.yaml";
    }

    @Override
    Properties testProperties() {
        return new Properties();
    }

    @AfterEach
    void makeWritableAgain() throws Exception {
        for (Path dir : madeUnwritable) Unwritable.undo(dir);
    }

    @Test
    void copiesTheWholeTreeAndNothingElse() throws Exception {
        givenBackupAndStaleRestore();
        start();

        Exchange result = transfer("nightly-shared");

        assertCompleteRestore(result);
        assertFalse(Files.exists(restore.resolve("db1/20231231")), "files of the older restore are gone");
    }

    @Test
    void aRepeatedRunEndsTheSame() throws Exception {
        givenBackupAndStaleRestore();
        start();

        Exchange first = transfer("nightly-shared");
        assertCompleteRestore(first);
        assertMoved(first, BackupTree.files(backup).stream().filter(f -> !f.equals(BackupManifest.FILE_NAME)).toList());
        Exchange second = transfer("nightly-shared");
        assertCompleteRestore(second);
        assertMoved(second, List.of());
    }

    @Test
    void aRepeatedRunCopiesOnlyWhatChangedAndReplacesWhatWasDamagedOnTheTarget() throws Exception {
        givenBackupAndStaleRestore();
        start();
        assertCompleteRestore(transfer("nightly-shared"));

        // at the source, one file backed up again; on the target, one file damaged in place (same
        // size), one cut short, one deleted and a stray one added
        Files.write(backup.resolve("db1/20240101/mt_2/qty.col"), new byte[] {7, 7, 7});
        flipOneByte(restore.resolve("db1/20240102/mt_2/price.col"));
        Path cut = restore.resolve("db1/20240103/mt_2/sym.col");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(cut), 10));
        Files.delete(restore.resolve("db1/20240104/mt_2/side.col"));
        Files.writeString(restore.resolve("db1/20240105/mt_2/stray.col"), "not the backup's");
        // every file on the target dated long ago: a file copied again has a new time
        FileTime longAgo = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
        for (String file : BackupTree.files(restore)) Files.setLastModifiedTime(restore.resolve(file), longAgo);
        Exchange result = transfer("nightly-shared");
        assertCompleteRestore(result);

        List<String> copied = new ArrayList<>();
        for (String file : BackupTree.files(restore)) {
            if (!Files.getLastModifiedTime(restore.resolve(file)).equals(longAgo)) copied.add(file);
        }
        assertEquals(List.of(BackupManifest.FILE_NAME, "db1/20240101/mt_2/qty.col", "db1/20240102/mt_2/price.col", "db1/20240103/mt_2/sym.col",
                        "db1/20240104/mt_2/side.col"),
                copied.stream().sorted().toList(), "only the changed, damaged and missing files are copied, and the manifest");
        assertMoved(result, copied.stream().filter(f -> !f.equals(BackupManifest.FILE_NAME)).toList());
    }

    private static void flipOneByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x01;
        Files.write(file, bytes);
    }

    @Test
    void aFileAlteredAtTheSourceAfterTheManifestIsNamedAndTheRestoreDoesNotLookComplete() throws Exception {
        givenBackupAndStaleRestore();
        // the backup changes under the runner after the manifest was written, e.g. a second writer
        start("nightly-shared", a -> a.weaveByToString(".*constant\\{copying\\}.*").after()
                .process(e -> Files.write(backup.resolve("db1/20240104/mt_2/qty.col"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND)));

        Exchange result = transfer("nightly-shared");

        assertFailure(result, "job nightly-shared", "shared-directory", restore.toString(),
                "checking the manifest in the restore directory", "altered: db1/20240104/mt_2/qty.col");
        assertNoCompleteLookingRestore();
        assertTrue(Files.exists(restore.resolve(BackupManifest.FILE_NAME + ".failed")), "the failed manifest is kept for a person to look at");
    }

    @Test
    void aFileLostOrDamagedInTheTargetDirectoryIsNamed() throws Exception {
        givenBackupAndStaleRestore();
        start("nightly-shared", a -> a.weaveByToString(".*checking the manifest in the restore directory.*").after().process(e -> {
            Files.delete(restore.resolve("db1/20240102/mt_2/sym.col"));
            Files.write(restore.resolve("db1/20240105/mt_2/price.col"), new byte[] {0}, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        }));

        Exchange result = transfer("nightly-shared");

        assertFailure(result, "missing: db1/20240102/mt_2/sym.col");
        assertNoCompleteLookingRestore();
    }

    @Test
    void aManifestDamagedInTheMiddleOnTheTargetIsRefusedAndNothingLooksComplete() throws Exception {
        givenBackupAndStaleRestore();
        start("nightly-shared", a -> a.weaveByToString(".*checking the manifest in the restore directory.*").after().process(e -> {
            Path arrived = restore.resolve(BackupManifest.FILE_NAME);
            List<String> lines = Files.readAllLines(arrived);
            int middle = lines.size() / 4 * 2; // a hash line: the header, then a size line and a hash line per file
            lines.set(middle, lines.get(middle).substring(0, 63) + "  " + lines.get(middle).substring(66));
            Files.write(arrived, lines);
        }));

        Exchange result = transfer("nightly-shared");

        assertFailure(result, "checking the manifest in the restore directory", "not in sha256sum format");
        assertNoCompleteLookingRestore();
        assertTrue(Files.exists(restore.resolve(BackupManifest.FILE_NAME + ".failed")));
    }

    @Test
    void aTargetThatBecomesUnwritableStopsTheCopyAndNothingLooksComplete() throws Exception {
        givenBackupAndStaleRestore();
        AtomicBoolean armed = new AtomicBoolean();
        start("nightly-shared", a -> a.weaveByToString(".*constant\\{copying\\}.*").after().process(e -> {
            if (armed.get()) madeUnwritable.addAll(Unwritable.apply(restore.resolve("db1/20240105/mt_2")));
        }));
        assertCompleteRestore(transfer("nightly-shared"));
        // the next run has files to copy into two directories; the second refuses new files, as a full disk does
        Files.write(backup.resolve("db1/20240101/mt_2/qty.col"), new byte[] {7, 7, 7});
        Files.write(backup.resolve("db1/20240105/mt_2/qty.col"), new byte[] {8, 8, 8});
        Files.write(backup.resolve("db1/20240105/mt_2/side.col"), new byte[] {9, 9, 9});
        armed.set(true);
        Requirements.require(Unwritable.supported(tmp), "a directory made unwritable (chmod; for root chattr +i, which needs e2fsprogs and CAP_LINUX_IMMUTABLE)");

        Exchange result = transfer("nightly-shared");

        TransferException failure = assertFailure(result, "job nightly-shared", "failed while copying", restore.toString(), "db1/20240105/mt_2");
        assertTrue(madeUnwritable.size() > 0, "the target was made unwritable");
        for (Path dir : madeUnwritable) Unwritable.undo(dir);
        madeUnwritable.clear();
        assertNoCompleteLookingRestore();
        assertNoTemporaryFiles();
        // whatever was copied is whole under its own name; nothing half-written looks like a file
        Map<String, byte[]> source = BackupTree.contents(backup);
        for (Map.Entry<String, byte[]> there : BackupTree.contents(restore).entrySet()) {
            assertArrayEquals(source.get(there.getKey()), there.getValue(), () -> there.getKey() + " after " + failure.getMessage());
        }
        assertFalse(Files.exists(restore.resolve("db1/20240105/mt_2/qty.col")), "the file that could not be copied is not there");
    }

    @Test
    void refusesPathsThatWouldEmptyTheWrongDirectory() throws Exception {
        givenBackupAndStaleRestore();
        start();

        restore = backup.resolve("db1");
        assertFailure(transfer("nightly-shared"), "must not contain one another on the same machine");
        restore = Path.of("relative/restore");
        assertFailure(transfer("nightly-shared"), "DdbSyncRestorePath must be an absolute, normalized directory path");
        restore = Path.of("/");
        assertFailure(transfer("nightly-shared"), "DdbSyncRestorePath must not be the root directory");
        assertTrue(Files.exists(backup.resolve("db1/mt.tbl")), "the backup is untouched");
    }

    /** Makes a directory tree refuse new files: chmod for a normal user, the immutable flag for root. */
    static final class Unwritable {
        static boolean supported(Path scratch) throws IOException, InterruptedException {
            Path dir = Files.createTempDirectory(scratch, "probe");
            List<Path> done = apply(dir);
            try {
                Files.createFile(dir.resolve("x"));
                return false;
            } catch (IOException expected) {
                return true;
            } finally {
                for (Path d : done) undo(d);
            }
        }

        static List<Path> apply(Path root) throws IOException, InterruptedException {
            List<Path> dirs;
            try (Stream<Path> walk = Files.walk(root)) {
                dirs = walk.filter(Files::isDirectory).toList();
            }
            for (Path dir : dirs) run(isRoot() ? List.of("chattr", "+i", dir.toString()) : List.of("chmod", "a-w", dir.toString()));
            return dirs;
        }

        static void undo(Path dir) throws IOException, InterruptedException {
            run(isRoot() ? List.of("chattr", "-i", dir.toString()) : List.of("chmod", "u+w", dir.toString()));
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }

        private static void run(List<String> command) throws IOException, InterruptedException {
            new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }
}
