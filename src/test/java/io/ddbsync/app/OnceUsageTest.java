package io.ddbsync.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The runner started as a user would, in its own JVM: {@code --once} with no job name after it
 * stops at once with a usage error and exit code 2, before Camel starts (it used to be dropped,
 * and the runner started every job on its schedule).
 */
class OnceUsageTest {

    @TempDir
    Path workDir;

    @Test
    void onceAtTheEndNamesTheMissingJob() throws Exception {
        assertUsageError("--once");
    }

    @Test
    void onceFollowedByAnOptionNamesTheMissingJob() throws Exception {
        assertUsageError("--once", "--help");
    }

    private void assertUsageError(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SyncApplication.class.getName()));
        cmd.addAll(List.of(args));
        // an empty working directory: were the arguments taken, the runner would look for its configuration here
        Process runner = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        try {
            // generous: a JVM start on a loaded machine; a runner that started Camel instead would never exit by itself
            assertTrue(runner.waitFor(120, TimeUnit.SECONDS), "the runner exits by itself");
            String output = new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(SyncApplication.EXIT_USAGE, runner.exitValue(), output);
            assertTrue(output.contains("--once needs the name of the job to run after it"), output);
            assertTrue(output.contains("usage: java -jar dolphindb-sync-runner.jar [--once JOB]"), output);
            assertFalse(output.contains("Apache Camel"), "Camel did not start: " + output);
        } finally {
            runner.destroyForcibly();
        }
    }
}
