package io.ddbsync.sync.transfer;

import io.ddbsync.camel.CapturedLogs;
import io.ddbsync.sync.offline.BackupManifest;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.util.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loads the real routes/transfer-legs.yaml plus a test resource of templatedRoute instances
 * (whose parameters come from {@link #testProperties()}), then runs a job's leg the way the
 * offline route calls it.
 */
abstract class TransferRoutesTestSupport extends CamelTestSupport {

    static final int LARGE_FILE = 4 << 20;

    @TempDir
    Path tmp;

    Path backup;
    Path restore;

    /** The test resource with this class's templatedRoute instances. */
    abstract String jobsResource();

    /** Values for the {{test.*}} placeholders in {@link #jobsResource()}. */
    abstract Properties testProperties() throws Exception;

    @Override
    public boolean isUseAdviceWith() {
        // the context starts in start(), after the YAML is loaded and, where a test wants it, advised
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        try {
            return testProperties();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void start() throws Exception {
        loadRoutes();
        context.start();
    }

    /** Starts after changing one job's route, e.g. to damage the target just before the check. */
    void start(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) throws Exception {
        loadRoutes();
        AdviceWith.adviceWith(context, routeId, advice);
        context.start();
    }

    private void loadRoutes() throws Exception {
        var loader = PluginHelper.getRoutesLoader(context);
        loader.loadRoutes(ResourceHelper.resolveMandatoryResource(context, "file:routes/transfer-legs.yaml"));
        loader.loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:" + jobsResource()));
    }

    /** A realistic backup in {@link #backup}, and a restore directory holding an older, different restore. */
    void givenBackupAndStaleRestore() throws IOException {
        backup = BackupTree.write(tmp.resolve("source/backup/20240107"), LARGE_FILE);
        restore = tmp.resolve("target/restore/20240107");
        Files.createDirectories(restore.resolve("db1/20231231/mt_2"));
        Files.writeString(restore.resolve("db1/20231231/mt_2/price.col"), "an older restore");
        Files.writeString(restore.resolve("db1/mt.tbl"), "older table metadata");
        Files.writeString(restore.resolve(BackupManifest.FILE_NAME), "# an older manifest\n");
    }

    Exchange transfer(String jobId) {
        return template.send("direct:" + jobId + "-transfer", exchange -> exchange.getIn().setHeaders(new java.util.HashMap<>(Map.of(
                TransferHeaders.BACKUP_PATH, backup.toString(),
                TransferHeaders.RESTORE_PATH, restore.toString()))));
    }

    /** The restore directory holds exactly the backup's files and manifest, byte for byte, and nothing else. */
    void assertCompleteRestore(Exchange result) throws Exception {
        assertNull(result.getException(), () -> "transfer failed: " + result.getException());
        Map<String, byte[]> expected = BackupTree.contents(backup);
        Map<String, byte[]> actual = BackupTree.contents(restore);
        assertTrue(expected.containsKey(BackupManifest.FILE_NAME), "the manifest was written into the backup directory");
        assertEquals(expected.keySet(), actual.keySet(), "the restore directory holds exactly the backup's files");
        for (String file : expected.keySet()) {
            assertArrayEquals(expected.get(file), actual.get(file), file);
        }
        assertNoTemporaryFiles();
        BackupManifest manifest = BackupManifest.read(restore);
        manifest.verify(restore);
        assertEquals(manifest.totalBytes(), result.getProperty(TransferHeaders.TRANSFER_BYTES, Long.class));
        assertEquals(manifest.fileCount(), result.getProperty(TransferHeaders.TRANSFER_FILES, Integer.class));
        assertNotNull(result.getProperty(TransferHeaders.TRANSFER_MILLIS, Long.class));
        LoggerFactory.getLogger(getClass()).info("transferred {} files, {} bytes in {} ms (copy {} ms)", manifest.fileCount(), manifest.totalBytes(),
                result.getProperty(TransferHeaders.TRANSFER_MILLIS), result.getProperty(TransferHeaders.COPY_MILLIS));
        assertNotNull(result.getProperty(TransferHeaders.COPY_MILLIS, Long.class));
    }

    /**
     * Runs the job's leg on a fresh backup and a stale restore directory and expects it to fail
     * before it touches the target: the failure says every part, and the restore directory is as it was.
     */
    TransferException assertFailsLeavingTargetAsItWas(String jobId, String... parts) throws Exception {
        givenBackupAndStaleRestore();
        List<String> before = BackupTree.files(restore);
        start();
        TransferException failure = assertFailure(transfer(jobId), parts);
        assertEquals(before, BackupTree.files(restore), "the target is as it was");
        return failure;
    }

    /**
     * Runs a job whose login is refused, then one that logs in, with every log line captured at
     * DEBUG ({@link CapturedLogs}: the runner's logger levels, but the SSH libraries at DEBUG): the first fails saying every
     * part, the second restores everything, and {@code secret} (what both passwords start with) is
     * in no log line, in neither's exception chain or stack trace, and in no endpoint as it prints.
     */
    void assertRefusedLoginThenLoginNeverShowing(String secret, String refusedJob, String acceptedJob, String... parts) throws Exception {
        givenBackupAndStaleRestore();
        try (CapturedLogs logs = new CapturedLogs().withDebug("org.apache.sshd", "com.jcraft.jsch")) {
            start();
            Exchange failed = transfer(refusedJob);
            Exchange passed = transfer(acceptedJob);

            TransferException failure = assertFailure(failed, parts);
            assertCompleteRestore(passed);
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertFalse(trace.toString().contains(secret), "the secret is in the exception or its causes");
            assertTrue(logs.lines().size() > 50, "DEBUG logging was captured");
            List<String> leaky = logs.lines().stream().filter(line -> line.contains(secret)).toList();
            assertTrue(leaky.isEmpty(), () -> "the secret is in the log: " + leaky);
            for (Endpoint endpoint : context.getEndpoints()) {
                assertFalse(endpoint.toString().contains(secret), () -> "the secret is in " + endpoint);
            }
        }
    }

    TransferException assertFailure(Exchange result, String... parts) {
        Exception e = result.getException();
        assertNotNull(e, "the transfer should have failed");
        TransferException failure = assertInstanceOf(TransferException.class, e, () -> "not a TransferException: " + e);
        LoggerFactory.getLogger(getClass()).info("failed as expected: {}", failure.getMessage());
        for (String part : parts) {
            assertTrue(failure.getMessage().contains(part), () -> "'" + part + "' not in: " + failure.getMessage());
        }
        assertNull(result.getProperty(TransferHeaders.TRANSFER_BYTES), "no figures for a failed transfer");
        assertNull(result.getProperty(TransferHeaders.MOVED_BYTES), "no figures for a failed transfer");
        return failure;
    }

    /** Nothing in the restore directory looks like a complete backup: it holds no manifest. */
    void assertNoCompleteLookingRestore() throws IOException {
        String files = listing();
        assertFalse(Files.exists(restore.resolve(BackupManifest.FILE_NAME)),
                () -> "a manifest is in the restore directory after a failed transfer: " + files);
    }

    void assertNoTemporaryFiles() throws IOException {
        List<String> temporary = BackupTree.files(restore).stream()
                .filter(f -> f.endsWith(".part") || Path.of(f).getFileName().toString().matches("\\..+\\.[A-Za-z0-9]{6}"))
                .toList();
        assertTrue(temporary.isEmpty(), () -> "temporary files left: " + temporary);
    }

    /**
     * The run says it moved the bytes of exactly these files of the backup (sizes read here from the
     * backup directory): those the test knows the target lacked or held different.
     */
    void assertMoved(Exchange result, List<String> files) throws IOException {
        long bytes = 0;
        for (String file : files) bytes += Files.size(backup.resolve(file));
        assertEquals(bytes, result.getProperty(TransferHeaders.MOVED_BYTES, Long.class), "bytes moved, those of " + files);
    }

    String listing() throws IOException {
        return Arrays.toString(BackupTree.files(restore).toArray());
    }
}
