package io.ddbsync.sync.transfer;

import io.ddbsync.Requirements;
import io.ddbsync.sync.offline.BackupManifest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands the SFTP and rsync legs run on the target host, on OpenSSH's sshd whose sessions
 * run under a French locale (generated with localedef into the test's directory, LOCPATH): there
 * sort collates "a-b", "A", "ab" unlike bytes, and sha256sum says "Réussi" and "ÉCHEC". The legs
 * must still keep what is unchanged, name what is damaged in sha256sum's English words, and find
 * every stray file, whatever its name holds.
 */
class RemoteCommandsTest extends TransferRoutesTestSupport {
    private static final String LOCALE = "fr_FR.UTF-8";
    private static final String SFTP_JOB = "sftp-french-host";
    private static final String RSYNC_JOB = "rsync-french-host";
    /** Names that collate differently in French than as bytes, and that shells and options read specially. */
    private static final List<String> ODD_NAMES = List.of("db1/A.col", "db1/a.col", "db1/a-b.col", "db1/a b.col", "db1/ab.col", "db1/aB.col",
            "db1/-x.col", "db1/it's.col", "db1/données/é.col", "db1/données/e.col", "db1/données/f.col", "db1/_z.col", "db1/Z.col");

    private static final FileTime STAMP = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));

    @TempDir
    static Path sshDir;
    static OpenSshServer sshd;

    @BeforeAll
    static void startFrenchHost() throws Exception {
        Requirements.require(OpenSshServer.available(), "/usr/sbin/sshd and rsync (apt-get install openssh-server rsync; .ci/run does)");
        Requirements.require(Files.isRegularFile(Path.of("/usr/share/i18n/locales/fr_FR")) && Files.isRegularFile(Path.of("/usr/bin/localedef"))
                        && Files.isRegularFile(Path.of("/usr/share/locale/fr/LC_MESSAGES/coreutils.mo")),
                "localedef with the fr_FR locale source, and coreutils' French messages (apt-get install locales coreutils; .ci/run does)");
        Path locales = Files.createDirectories(sshDir.resolve("locales"));
        OpenSshServer.run(List.of("localedef", "-i", "fr_FR", "-f", "UTF-8", locales.resolve(LOCALE).toString()));
        sshd = OpenSshServer.start(sshDir.resolve("sshd"), List.of("LOCPATH=" + locales, "LC_ALL=" + LOCALE));
        String usage = OpenSshServer.run(List.of("ssh", "-p", String.valueOf(sshd.port()), "-i", sshd.userKey().toString(), "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + sshd.knownHosts(), sshd.user() + "@127.0.0.1", "sha256sum --help"));
        assertTrue(usage.startsWith("Utilisation"), () -> "the host's commands do not speak French: " + usage);
    }

    @AfterAll
    static void stopFrenchHost() throws Exception {
        if (sshd != null) sshd.close();
    }

    @Override
    String jobsResource() {
        return "transfer/remote-locale-jobs.yaml";
    }

    @Override
    Properties testProperties() {
        Properties p = new Properties();
        sshd.putRsyncLegSettings(p);
        p.setProperty("transfer.sftp.host", "127.0.0.1");
        p.setProperty("transfer.sftp.port", String.valueOf(sshd.port()));
        p.setProperty("transfer.sftp.username", sshd.user());
        p.setProperty("transfer.sftp.privateKeyFile", sshd.userKey().toString());
        p.setProperty("transfer.sftp.knownHostsFile", sshd.knownHosts().toString());
        return p;
    }

    @Test
    void theSftpLegKeepsEveryUnchangedFileWhateverTheHostsLocale() throws Exception {
        givenBackupWithOddNamesAndStaleRestore();
        start();
        assertCompleteRestore(transfer(SFTP_JOB));
        // every file stamped as last modified in 2001: a file kept keeps the stamp, one uploaded again gets the time of its upload
        for (String file : BackupTree.files(restore)) Files.setLastModifiedTime(restore.resolve(file), STAMP);
        Files.write(restore.resolve("db1/a-b.col"), new byte[] {1}, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(restore.resolve("db1/a-b.col"), STAMP);

        assertCompleteRestore(transfer(SFTP_JOB));

        List<String> replaced = new ArrayList<>();
        for (String file : BackupTree.files(restore)) {
            if (!Files.getLastModifiedTime(restore.resolve(file)).equals(STAMP)) replaced.add(file);
        }
        assertEquals(List.of(BackupManifest.FILE_NAME, "db1/a-b.col"), replaced, "only the damaged file and the manifest are uploaded again");
    }

    @Test
    void theRsyncLegNamesADamagedFileInSha256sumsEnglishWords() throws Exception {
        givenBackupWithOddNamesAndStaleRestore();
        start(RSYNC_JOB, a -> a.weaveByToString(".*checking the manifest on the target.*").after().process(e -> {
            Files.write(restore.resolve("db1/a b.col"), new byte[] {7}, StandardOpenOption.APPEND);
            Files.delete(restore.resolve("db1/-x.col"));
        }));

        Exchange result = transfer(RSYNC_JOB);

        assertFailure(result, "failed while checking the manifest on the target", "sha256sum -c MANIFEST.sha256 failed: exit 1",
                "db1/a b.col: FAILED", "db1/-x.col: FAILED open or read");
        assertNoCompleteLookingRestore();
    }

    @Test
    void theRsyncLegFindsAStrayFileWhoseNameSpellsListedNamesOnSeveralLines() throws Exception {
        // found as "db1/mt.tbl⏎db1/mt.tbl", a line at a time it would pass for the listed db1/mt.tbl, twice
        givenBackupWithOddNamesAndStaleRestore();
        Path stray = restore.resolve("db1/mt.tbl\ndb1/mt.tbl");
        start(RSYNC_JOB, a -> a.weaveByToString(".*checking the manifest on the target.*").after().process(e -> {
            Files.createDirectories(stray.getParent());
            Files.writeString(stray, "not the backup's");
        }));

        Exchange result = transfer(RSYNC_JOB);

        assertFailure(result, "failed while checking the manifest on the target", "db1/mt.tbl?db1/mt.tbl: not in the manifest");
        assertNoCompleteLookingRestore();
        assertTrue(Files.exists(stray), "the stray is named, not deleted, by the check");
    }

    @Test
    void theSftpLegRemovesAStrayFileWhoseNameSpellsListedNamesOnSeveralLines() throws Exception {
        givenBackupWithOddNamesAndStaleRestore();
        start();
        assertCompleteRestore(transfer(SFTP_JOB));
        Path stray = restore.resolve("db1/mt.tbl\ndb1/mt.tbl");
        Files.createDirectories(stray.getParent());
        Files.writeString(stray, "not the backup's");

        assertCompleteRestore(transfer(SFTP_JOB));
        assertFalse(Files.exists(stray.getParent()), "the stray and its directory are gone");
    }

    private void givenBackupWithOddNamesAndStaleRestore() throws IOException {
        givenBackupAndStaleRestore();
        for (String name : ODD_NAMES) {
            Files.createDirectories(backup.resolve(name).getParent());
            Files.writeString(backup.resolve(name), "contents of " + name);
        }
    }
}
