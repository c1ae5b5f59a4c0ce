package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SFTP leg on a target that runs commands uploads only the files its restore directory does not
 * hold already, equal to this run's manifest as the target itself hashes them. The uploads are
 * counted where they land, by the SFTP server (files opened for writing), never from the run's own
 * figures; the restore directory is compared byte for byte with the backup.
 */
class SftpLegIncrementalTest extends TransferRoutesTestSupport {
    private static final String PASSWORD = "pw-incremental";
    private static final String JOB = "sftp-password";
    /** What every run uploads whatever the target holds: this run's manifest, first staged, then under its name. */
    private static final List<String> MANIFESTS = List.of(BackupManifest.FILE_NAME, RemoteCommands.STAGED_MANIFEST);

    @TempDir
    static Path serverDir;
    static EmbeddedSftpServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedSftpServer.start(serverDir, PASSWORD, EmbeddedSftpServer.newRsaKeyPair().getPublic());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void noUploadsYet() {
        server.takeUploads();
    }

    @Override
    String jobsResource() {
        return "transfer/sftp-jobs.yaml";
    }

    @Override
    Properties testProperties() throws Exception {
        Properties p = new Properties();
        server.putSftpLegSettings(p, serverDir);
        return p;
    }

    @Test
    void aSecondRunAfterNothingChangedUploadsNoFileOfTheBackup() throws Exception {
        givenBackupAndStaleRestore();
        start();

        Exchange first = transfer(JOB);
        assertCompleteRestore(first);
        List<String> uploads = uploaded();
        int files = BackupManifest.read(backup).fileCount();
        assertEquals(files + MANIFESTS.size(), uploads.size(), "the first run uploads every file: " + uploads);
        assertMoved(first, uploads.stream().filter(f -> !MANIFESTS.contains(f)).toList());

        Exchange second = transfer(JOB);
        assertCompleteRestore(second);
        assertEquals(MANIFESTS, uploaded().stream().sorted().toList(), "the second run uploads the manifest alone");
        assertMoved(second, List.of());
    }

    @Test
    void aRunUploadsWhatChangedAtTheSourceAndWhatIsDamagedMissingOrCutShortOnTheTarget() throws Exception {
        givenBackupAndStaleRestore();
        start();
        assertCompleteRestore(transfer(JOB));
        uploaded();

        // at the source: one file backed up again, one partition's new file, one file gone
        Files.write(backup.resolve("db1/20240101/mt_2/qty.col"), new byte[] {7, 7, 7});
        Files.writeString(backup.resolve("db1/20240106/mt_2/added.col"), "a new column file");
        Files.delete(backup.resolve("db1/20240106/mt_2/side.col"));
        // on the target: a byte flipped (same size), a file cut short, one deleted; a stray file, a stray
        // directory, a link, and what a killed upload leaves: a partial file under its temporary name
        flipOneByte(restore.resolve("db1/20240102/mt_2/price.col"));
        Path cut = restore.resolve("db1/20240103/mt_2/sym.col");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(cut), 10));
        Files.delete(restore.resolve("db1/20240104/mt_2/side.col"));
        Files.writeString(restore.resolve("db1/20240105/mt_2/stray.col"), "not the backup's");
        Files.createDirectories(restore.resolve("db1/20231231/mt_2"));
        Files.writeString(restore.resolve("db1/20231231/mt_2/old.col"), "an older partition");
        Files.createSymbolicLink(restore.resolve("db1/20240105/mt_2/link.col"), restore.resolve("db1/mt.tbl"));
        Path large = restore.resolve("db1/20240107/mt_2/Timestamp.col");
        Files.write(large.resolveSibling("Timestamp.col.part"), java.util.Arrays.copyOf(Files.readAllBytes(large), LARGE_FILE / 2));

        Exchange result = transfer(JOB);
        assertCompleteRestore(result);

        List<String> uploads = uploaded().stream().sorted().toList();
        assertEquals(List.of(BackupManifest.FILE_NAME, RemoteCommands.STAGED_MANIFEST, "db1/20240101/mt_2/qty.col", "db1/20240102/mt_2/price.col",
                        "db1/20240103/mt_2/sym.col", "db1/20240104/mt_2/side.col", "db1/20240106/mt_2/added.col"),
                uploads, "only the changed, new, damaged, cut and missing files, and the manifest");
        assertMoved(result, uploads.stream().filter(f -> !MANIFESTS.contains(f)).toList());
        assertFalse(Files.exists(restore.resolve("db1/20231231")), "the stray directory is gone");
    }

    @Test
    void aFileKeptWronglyWouldStillFailTheFinalCheck() throws Exception {
        // the final check reads every file again, whatever the target said it held: a file damaged
        // after the target hashed it (kept, so not uploaded) stops the run, and nothing looks complete
        givenBackupAndStaleRestore();
        AtomicBoolean damageAfterTheTargetHashed = new AtomicBoolean();
        start(JOB, a -> a.weaveByToString(".*uploading.*").before().process(e -> {
            // the doTry around the leg prints its steps too, so it is woven as well: act once the target has answered
            if (e.getProperty(TransferHeaders.KEPT) != null && damageAfterTheTargetHashed.getAndSet(false)) flipOneByte(restore.resolve("db1/mt.tbl"));
        }));
        assertCompleteRestore(transfer(JOB));
        uploaded();
        damageAfterTheTargetHashed.set(true);

        Exchange second = transfer(JOB);

        assertFailure(second, "job " + JOB, "failed while checking the manifest on the target", "db1/mt.tbl: FAILED");
        assertFalse(uploaded().contains("db1/mt.tbl"), "the file was kept");
        assertNoCompleteLookingRestore();
    }

    @Test
    void namesWithSpacesQuotesColonsAndUnicodeAreKeptAndReplacedLikeAnyOther() throws Exception {
        backup = BackupTree.write(tmp.resolve("source/backup/20240107"), 1000);
        List<String> odd = List.of("db1/a dir/it's \"quoted\".col", "db1/données/日本語 ü.col", "db1/-dash.col", "db1/x: FAILED.col",
                "db1/y: OK", "db1/z: OK.col", "db1/$(touch pwned).col");
        for (String name : odd) {
            Files.createDirectories(backup.resolve(name).getParent());
            Files.writeString(backup.resolve(name), "contents of " + name);
        }
        restore = tmp.resolve("target/restore/20240107");
        start();
        assertCompleteRestore(transfer(JOB));
        uploaded();

        assertCompleteRestore(transfer(JOB));
        assertEquals(MANIFESTS, uploaded().stream().sorted().toList(), "names that shells, sha256sum or sort read specially are kept like any other");

        flipOneByte(restore.resolve("db1/y: OK"));
        Files.delete(restore.resolve("db1/données/日本語 ü.col"));
        Files.writeString(restore.resolve("db1/a dir/it's \"quoted\".col.part"), "a stray, half uploaded");
        assertCompleteRestore(transfer(JOB));
        assertEquals(List.of(BackupManifest.FILE_NAME, RemoteCommands.STAGED_MANIFEST, "db1/données/日本語 ü.col", "db1/y: OK"),
                uploaded().stream().sorted().toList());
        assertFalse(Files.exists(tmp.resolve("target/restore/20240107/pwned")) || Files.exists(Path.of("pwned")), "no name ran as a command");
    }

    @Test
    void aRunCutMidUploadLeavesNothingARerunKeeps() throws Exception {
        // what an upload cut half-way leaves (the runner killed, the link lost): the file's temporary
        // name holding part of it, the file under its own name as the last run left it, no manifest.
        // The SFTP server holds the write until the test has seen it, then closes the session.
        givenBackupAndStaleRestore();
        start();
        assertCompleteRestore(transfer(JOB));
        Files.write(backup.resolve("db1/20240107/mt_2/Timestamp.col"), new byte[LARGE_FILE], StandardOpenOption.APPEND);
        server.holdWritesTo("Timestamp\\.col\\.part");
        CompletableFuture<Exchange> cut = CompletableFuture.supplyAsync(() -> transfer(JOB));
        try {
            assertTrue(server.awaitHeldWrite(60), "the upload of the changed file began");
            assertTrue(Files.size(restore.resolve("db1/20240107/mt_2/Timestamp.col.part")) > 0, "part of the file is there");
        } finally {
            server.cutHeldWrite();
        }
        assertFailure(cut.get(60, TimeUnit.SECONDS), "job " + JOB, "failed while uploading");
        assertNoCompleteLookingRestore();
        assertTrue(Files.exists(restore.resolve("db1/20240107/mt_2/Timestamp.col.part")), "the cut upload's part is left");
        uploaded();

        assertCompleteRestore(transfer(JOB));
        assertEquals(List.of(BackupManifest.FILE_NAME, RemoteCommands.STAGED_MANIFEST, "db1/20240107/mt_2/Timestamp.col"),
                uploaded().stream().sorted().toList(), "the file cut short is sent again, and nothing else");
    }

    /** The files uploaded since the last call, relative to the restore directory, under their own names (an upload lands under name.part). */
    private List<String> uploaded() {
        return server.takeUploads().stream().map(p -> restore.relativize(p).toString())
                .map(name -> name.endsWith(".part") ? name.substring(0, name.length() - ".part".length()) : name).toList();
    }

    private static void flipOneByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x01;
        Files.write(file, bytes);
    }
}
