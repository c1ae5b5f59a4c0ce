package io.ddbsync.app;

import io.ddbsync.camel.CapturedLogs;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A transfer leg's password with a {{ or }} in it: Camel reads the braces as a property placeholder,
 * and resolves a route template's parameters again, so even an escaped one is read as a placeholder
 * when the leg's route is made; and Camel's message quotes the text it could not parse. The runner
 * stops at its start naming the key, the password in no exception and no log line.
 */
class TransferSecretsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"zz{{S3cretPw", "zz}}S3cretPw", "zz\\{{S3cretPw", "{{env:DDBSYNC_TEST_UNSET_S3cretPw}}"})
    void aTransferPasswordCamelCannotPassOnStopsTheStartWithoutShowingIt(String password) throws Exception {
        Properties p = clustersNeverReached();
        p.setProperty("jobs.db1.backupDir", dir.resolve("backup").toString());
        p.setProperty("transfer.sftp.password", password);
        Throwable failure;
        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            failure = assertThrows(Exception.class, () -> SyncRunner.start(p).close(), "the runner refuses to start");
            lines = logs.lines();
        }
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) messages.add(t.getMessage() + " " + t);
        for (String text : messages) assertFalse(text.contains("S3cretPw"), text);
        for (String line : lines) assertFalse(line.contains("S3cretPw"), line);
        String root = messages.get(messages.size() - 1);
        assertTrue(root.contains("transfer.sftp.password"), "names the key: " + root);
    }

    /**
     * Both clusters' settings, on a port nothing listens on: the runner refuses to start before it
     * connects, so no cluster needs to run (a connection refused would fail the test instead).
     */
    private static Properties clustersNeverReached() {
        Properties p = new Properties();
        p.setProperty("camel.management.enabled", "false");
        for (String cluster : new String[] {"source", "target"}) {
            p.setProperty("dolphindb.clusters." + cluster + ".sites", "127.0.0.1:9");
            p.setProperty("dolphindb.clusters." + cluster + ".user", "admin");
            p.setProperty("dolphindb.clusters." + cluster + ".password", "unused");
        }
        return p;
    }
}
