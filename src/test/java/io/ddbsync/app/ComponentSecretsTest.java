package io.ddbsync.app;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A cluster's password set through the dolphindb component's own options under camel-main
 * (camel.component.dolphindb.password, or .clusters[name].password) with a {{ or }} in it:
 * camel-main binds such options itself, resolving their placeholders first, and its message on
 * failing quoted the password. The runner, started as a user would in its own JVM with the
 * project's configuration and this one line more, stops naming the key, the password in none of
 * its output.
 */
class ComponentSecretsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "camel.component.dolphindb.password | zz{{S3cretPw",
            "camel.component.dolphindb.clusters[target].password | zz\\{{S3cretPw",
            "camel.component.dolphindb.password | {{env:DDBSYNC_TEST_UNSET_S3cretPw}}",
            "camel.component.dolphindb.clusters[target].password | zz}}S3cretPw"})
    void aComponentPasswordCamelMainCannotBindStopsTheStartWithoutShowingIt(String key, String password) throws Exception {
        Path config = dir.resolve("application.properties");
        // as a .properties file reads it: a backslash written twice
        Files.writeString(config, Files.readString(Path.of("config/application.properties")) + "\n" + key + " = " + password.replace("\\", "\\\\") + "\n");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dddbsync.config=" + config,
                "-cp", System.getProperty("java.class.path"), SyncApplication.class.getName(), "--once", "db1-offline");
        Process runner = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            // generous: a JVM start on a loaded machine
            assertTrue(runner.waitFor(120, TimeUnit.SECONDS), "the runner exits by itself");
            String output = new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, runner.exitValue(), output);
            assertTrue(output.contains("Unusable setting " + key + " (a secret, so its value is not shown)"), "names the key: " + output);
            assertFalse(output.contains("S3cretPw"), output);
        } finally {
            runner.destroyForcibly();
        }
    }
}
