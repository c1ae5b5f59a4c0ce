package io.ddbsync.sync.transfer;

import io.ddbsync.Requirements;
import io.ddbsync.sync.offline.BackupManifest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rsync leg with OpenSSH's sshd and rsync on 127.0.0.1: camel-ssh logs in to the "source
 * host" and runs rsync there, which pushes over ssh to the "target host" (the same sshd), and
 * camel-ssh runs the sha256sum check on the target.
 */
class RsyncLegTest extends TransferRoutesTestSupport {

    /** Characters that URIs and shells treat specially, so a leak or a wrong escape shows. */
    private static final String SOURCE_PASSWORD = "pw-Rs7&x+y%20 =#secret";

    @TempDir
    static Path sshDir;
    static OpenSshServer sshd;
    /** A source host that lets the runner in with a password (Apache MINA SSHD, commands run by /bin/sh). */
    static EmbeddedSftpServer passwordHost;

    @BeforeAll
    static void startSshd() throws Exception {
        Requirements.require(OpenSshServer.available(), "/usr/sbin/sshd and rsync (apt-get install openssh-server rsync; .ci/run does)");
        sshd = OpenSshServer.start(sshDir.resolve("sshd"));
        passwordHost = EmbeddedSftpServer.start(Files.createDirectories(sshDir.resolve("password-host")), SOURCE_PASSWORD,
                EmbeddedSftpServer.newRsaKeyPair().getPublic());
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) sshd.close();
        if (passwordHost != null) passwordHost.close();
    }

    @Override
    String jobsResource() {
        return "transfer/rsync-jobs.yaml";
    }

    @Override
    Properties testProperties() throws Exception {
        Properties p = new Properties();
        // the leg's settings, as config/application.properties gives them; each case's difference in transfer.<jobId>.*
        sshd.putRsyncLegSettings(p);
        String emptyKnownHosts = Files.writeString(sshDir.resolve("known_hosts_empty"), "").toString();
        p.setProperty("transfer.rsync-unknown-source-host.sourceKnownHostsFile", emptyKnownHosts);
        p.setProperty("transfer.rsync-unknown-target-host.rsyncKnownHostsFile", emptyKnownHosts);
        p.setProperty("transfer.rsync-wrong-key.sourcePrivateKeyFile", sshd.strangerKey().toString());
        p.setProperty("transfer.rsync-nearly-full-disk.rsyncIdentityFile", sshd.quotaKey().toString());
        p.setProperty("transfer.rsync-missing-identity.rsyncIdentityFile", sshd.userKey() + ".missing");
        p.setProperty("transfer.rsync-missing-source-key.sourcePrivateKeyFile", sshd.userKey() + ".missing");
        // no key file for the source host: the runner logs in there with the password; rsync goes on to the target as always
        String knownHosts = passwordHost.writeKnownHosts(sshDir.resolve("known_hosts_password_host")).toString();
        for (var job : java.util.Map.of("rsync-password-source", SOURCE_PASSWORD, "rsync-wrong-source-password", SOURCE_PASSWORD + "-wrong").entrySet()) {
            String prefix = "transfer." + job.getKey() + ".";
            p.setProperty(prefix + "sourcePort", String.valueOf(passwordHost.port()));
            p.setProperty(prefix + "sourceUsername", EmbeddedSftpServer.USER);
            p.setProperty(prefix + "sourcePassword", job.getValue());
            p.setProperty(prefix + "sourcePrivateKeyFile", "");
            p.setProperty(prefix + "sourceKnownHostsFile", knownHosts);
        }
        return p;
    }

    @Test
    void rsyncPushesTheWholeTreeAndDeletesWhatTheBackupDoesNotHave() throws Exception {
        givenBackupAndStaleRestore();
        start();

        Exchange result = transfer("rsync-nightly");

        assertCompleteRestore(result);
        assertFalse(Files.exists(restore.resolve("db1/20231231")), "files of the older restore are gone");
        assertMoved(result, BackupTree.files(backup).stream().filter(f -> !f.equals(BackupManifest.FILE_NAME)).toList());
        // a second run moves nothing new and ends the same
        Exchange second = transfer("rsync-nightly");
        assertCompleteRestore(second);
        assertMoved(second, List.of());
        // one file backed up again: rsync sends it alone
        Files.write(backup.resolve("db1/20240101/mt_2/qty.col"), new byte[] {7, 7, 7});
        Exchange third = transfer("rsync-nightly");
        assertCompleteRestore(third);
        assertMoved(third, List.of("db1/20240101/mt_2/qty.col"));
    }

    @Test
    void anUnknownSourceHostKeyStopsTheRunBeforeRsyncStarts() throws Exception {
        assertFailsLeavingTargetAsItWas("rsync-unknown-source-host", "job rsync-unknown-source-host", "rsync transfer to " + sshd.user() + "@127.0.0.1:" + sshd.port(),
                "failed while running rsync on the source host", "Failed to authenticate username",
                "the host key of [127.0.0.1]:" + sshd.port() + " (ssh-ed25519 SHA256:", "is not listed in known_hosts file");
    }

    @Test
    void anUnknownTargetHostKeyFailsRsyncWithItsOwnWords() throws Exception {
        givenBackupAndStaleRestore();
        start();

        Exchange result = transfer("rsync-unknown-target-host");

        // ssh's own words reach rsync's stderr; rsync's exit status is 255 or 12, whichever it sees first
        assertFailure(result, "failed while running rsync on the source host", "rsync failed: exit ",
                "No ED25519 host key is known for [127.0.0.1]:" + sshd.port(), "Host key verification failed.");
    }

    @Test
    void aMissingRsyncIdentityFileIsNamedBeforeRsyncStarts() throws Exception {
        // without the check, ssh would warn and log in with the user's default keys
        assertFailsLeavingTargetAsItWas("rsync-missing-identity", "job rsync-missing-identity", "failed while running rsync on the source host", "rsync failed: exit 66",
                "rsyncIdentityFile " + sshd.userKey() + ".missing is not a readable file on the source host");
    }

    @Test
    void aMissingPrivateKeyFileIsNamedBeforeAnyLogin() throws Exception {
        assertFailsLeavingTargetAsItWas("rsync-missing-source-key", "job rsync-missing-source-key", "failed while checking the key files",
                "sourcePrivateKeyFile " + sshd.userKey() + ".missing does not exist on this runner's host");
    }

    @Test
    void anEmptyKeyFileMeansPasswordLoginAndThePasswordIsNeverLogged() throws Exception {
        assertRefusedLoginThenLoginNeverShowing("pw-Rs7", "rsync-wrong-source-password", "rsync-password-source",
                "job rsync-wrong-source-password", "failed while running rsync on the source host",
                "Failed to authenticate username " + EmbeddedSftpServer.USER, "the login itself was refused");
    }

    @Test
    void aKeyTheSourceHostRefusesStopsTheRun() throws Exception {
        givenBackupAndStaleRestore();
        start();

        Exchange result = transfer("rsync-wrong-key");

        assertFailure(result, "job rsync-wrong-key", "failed while running rsync on the source host",
                "Failed to authenticate username " + sshd.user(), "the login itself was refused");
    }

    @Test
    void aNearlyFullTargetFailsRsyncAndNothingLooksComplete() throws Exception {
        givenBackupAndStaleRestore();
        start();

        Exchange result = transfer("rsync-nearly-full-disk");

        // rsync's own "write failed on …: File too large" reaches its stderr only most of the time,
        // and its status depends on which side notices first
        TransferException failure = assertFailure(result, "job rsync-nearly-full-disk", "failed while running rsync on the source host");
        assertTrue(failure.getMessage().matches("(?s).*rsync failed: exit (11 \\(error in file I/O\\)|12 \\(error in rsync protocol data stream\\)|23 \\(partial transfer due to error\\)).*"),
                failure.getMessage());
        assertNoCompleteLookingRestore();
        assertFalse(Files.exists(restore.resolve("db1/20240107/mt_2/Timestamp.col")), "the large file is not there under its own name");
        assertNoTemporaryFiles();
    }

    @Test
    void filesDamagedOrLostOnTheTargetAreNamedBySha256sum() throws Exception {
        givenBackupAndStaleRestore();
        start("rsync-nightly", a -> a.weaveByToString(".*checking the manifest on the target.*").after().process(e -> {
            Files.write(restore.resolve("db1/20240106/mt_2/qty.col"), new byte[] {7}, StandardOpenOption.APPEND);
            Files.delete(restore.resolve("db1/mt.tbl"));
        }));

        Exchange result = transfer("rsync-nightly");

        assertFailure(result, "failed while checking the manifest on the target", "sha256sum -c MANIFEST.sha256 failed: exit 1",
                "db1/20240106/mt_2/qty.col: FAILED", "db1/mt.tbl: FAILED open or read");
        assertNoCompleteLookingRestore();
        assertTrue(Files.exists(restore.resolve(BackupManifest.FILE_NAME + ".failed")));
    }
}
