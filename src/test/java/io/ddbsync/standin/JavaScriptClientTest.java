package io.ddbsync.standin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A second official client: DolphinDB's JavaScript API (npm package {@code dolphindb}, pinned in
 * src/test/js/package.json and its lock file) runs the protocol cases of src/test/js/cases.mjs
 * against a node over WebSocket on the node's port, as it connects to DolphinDB. The cases judge
 * the answers themselves; this test fails with their output when any case fails, or when fewer
 * cases ran than the script declares.
 * <p>
 * Needs Node.js and npm ({@code .ci/run} installs them). Under CI=true their absence fails the
 * test; elsewhere it is skipped, with the reason. The packages are installed with {@code npm ci}
 * into target/javascript-client, again only when the lock file changed.
 */
class JavaScriptClientTest {
    private static final Path SOURCES = Path.of("src", "test", "js");
    private static final Path WORK = Path.of("target", "javascript-client").toAbsolutePath();
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "cases.mjs");
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) of (\\d+) cases passed");

    @Test
    void officialJavaScriptApiCasesPassAgainstTheNode() throws Exception {
        requireTool("node");
        requireTool("npm");
        installClient();
        try (TestCluster cluster = TestCluster.start()) {
            String url = (cluster.tls() ? "wss://" : "ws://") + cluster.host() + ":" + cluster.port();
            Map<String, String> env = Map.of("DDB_URL", url, "DDB_USER", cluster.user(), "DDB_PASSWORD", cluster.password(),
                    // a TLS node has a self-signed certificate (as the Java tests' trust-all client accepts it)
                    "NODE_TLS_REJECT_UNAUTHORIZED", cluster.tls() ? "0" : "1");
            Result cases = run(List.of("node", "cases.mjs"), env, 300);
            Matcher summary = SUMMARY.matcher(cases.output);
            assertTrue(summary.find(), "the cases ended without their summary line:\n" + cases.output);
            assertEquals(0, cases.exitCode, "JavaScript API cases failed:\n" + cases.output);
            assertEquals(summary.group(2), summary.group(1), cases.output);
            assertTrue(Integer.parseInt(summary.group(2)) >= 15, "fewer cases than written ran:\n" + cases.output);
        }
    }

    /** {@code npm ci} of the pinned packages, unless target already holds exactly this lock file's install. */
    private static void installClient() throws Exception {
        Files.createDirectories(WORK);
        for (String f : FILES) Files.copy(SOURCES.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        Path installedLock = WORK.resolve("node_modules").resolve(".installed-from-lock.json");
        byte[] lock = Files.readAllBytes(WORK.resolve("package-lock.json"));
        if (Files.exists(installedLock) && java.util.Arrays.equals(lock, Files.readAllBytes(installedLock))) return;
        // --ignore-scripts: no package's install script is needed to run the API, and none runs
        Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), Map.of(), 600);
        assertEquals(0, install.exitCode, "npm ci of src/test/js/package-lock.json failed:\n" + install.output);
        Files.write(installedLock, lock);
    }

    private static void requireTool(String name) {
        boolean present;
        try {
            present = run(List.of(name, "--version"), Map.of(), 60).exitCode == 0;
        } catch (Exception e) {
            present = false;
        }
        io.ddbsync.Requirements.require(present, name + " (apt-get install nodejs npm; .ci/run does)");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(Files.createDirectories(WORK), "run-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                fail(String.join(" ", command) + " did not end within " + timeoutSeconds + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
