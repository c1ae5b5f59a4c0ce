package io.ddbsync.sync.transfer;

import io.ddbsync.sync.offline.BackupManifest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SFTP leg with {@code targetShell=false}, against a host that gives SFTP only (Apache MINA
 * SSHD with no command factory, like OpenSSH's internal-sftp): the restore directory is emptied
 * and checked over SFTP, every file read back through SHA-256.
 */
class SftpOnlyLegTest extends TransferRoutesTestSupport {
    private static final String PASSWORD = "pw-sftp-only";

    @TempDir
    static Path serverDir;
    static EmbeddedSftpServer server;
    static Path userKey;

    @BeforeAll
    static void startServer() throws Exception {
        KeyPair user = EmbeddedSftpServer.newRsaKeyPair();
        userKey = EmbeddedSftpServer.writePrivateKey(user, serverDir.resolve("id_rsa"));
        server = EmbeddedSftpServer.start(serverDir, PASSWORD, user.getPublic(), false);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    String jobsResource() {
        return "transfer/sftp-only-jobs.yaml";
    }

    @Override
    Properties testProperties() throws Exception {
        // the leg's settings as config/application.properties gives them; each job's own in transfer.<jobId>.*
        Properties p = new Properties();
        server.putSftpLegSettings(p, serverDir);
        for (String job : new String[] {"sftp-only-password", "sftp-only-key", "sftp-only-unknown-host"}) {
            p.setProperty("transfer." + job + ".targetShell", "false");
        }
        // key login with no password to fall back on
        p.setProperty("transfer.sftp-only-key.privateKeyFile", userKey.toString());
        p.setProperty("transfer.sftp-only-key.password", "");
        p.setProperty("transfer.sftp-only-unknown-host.knownHostsFile", Files.writeString(serverDir.resolve("known_hosts_empty"), "").toString());
        p.setProperty("transfer.sftp-with-commands.commandTimeoutSeconds", "2");
        return p;
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theDefaultLegThereFailsOnceItsCommandIsOverdue() throws Exception {
        // the host never runs the leg's first command; camel-ssh would wait for it for ever, the
        // session is closed once silent past the command's limit (2 s here) and a margin (5 s)
        assertFailsLeavingTargetAsItWas("sftp-with-commands", "job sftp-with-commands", "failed while emptying the restore directory");
    }

    @Test
    void passwordLoginUploadsEmptiesAndChecksOverSftpAlone() throws Exception {
        givenBackupAndStaleRestore();
        start();

        assertCompleteRestore(transfer("sftp-only-password"));
        assertFalse(Files.exists(restore.resolve("db1/20231231")), "the older restore's files and directories are gone");
    }

    @Test
    void keyLoginWorksAsWell() throws Exception {
        givenBackupAndStaleRestore();
        start();

        assertCompleteRestore(transfer("sftp-only-key"));
        assertCompleteRestore(transfer("sftp-only-key"));
    }

    @Test
    void aFileDamagedOnTheWayIsNamedAndNothingLooksComplete() throws Exception {
        givenBackupAndStaleRestore();
        server.corruptFilesMatching(".*price\\.col.*");
        try {
            start();
            Exchange result = transfer("sftp-only-password");

            assertFailure(result, "job sftp-only-password", "failed while checking the manifest on the target", "price.col", "SHA-256");
            assertNoCompleteLookingRestore();
            assertTrue(Files.exists(restore.resolve(BackupManifest.FILE_NAME + ".failed")));
        } finally {
            server.corruptFilesMatching("(?!)");
        }
    }

    @Test
    void aFileLostOrAddedOnTheTargetIsNamed() throws Exception {
        givenBackupAndStaleRestore();
        start("sftp-only-password", a -> a.weaveByToString(".*checking the manifest on the target.*").after().process(e -> {
            Files.write(restore.resolve("db1/20240103/stray.col"), new byte[] {1}, StandardOpenOption.CREATE_NEW);
        }));

        Exchange result = transfer("sftp-only-password");

        assertFailure(result, "failed while checking the manifest on the target", "db1/20240103/stray.col");
        assertNoCompleteLookingRestore();
    }

    @Test
    void anUnknownHostKeyStopsTheRunBeforeTheTargetIsTouched() throws Exception {
        assertFailsLeavingTargetAsItWas("sftp-only-unknown-host", "job sftp-only-unknown-host", "failed while emptying the restore directory",
                "the host key of [127.0.0.1]:" + server.port() + " (ssh-rsa SHA256:", "is not listed in known_hosts file " + serverDir.resolve("known_hosts_empty"));
    }
}
