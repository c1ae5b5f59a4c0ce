package io.ddbsync.runtimes;

import org.junit.jupiter.api.Test;

import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What `mvn package` makes: the main artifact is a library a host runtime can load as it is (no
 * logging configuration, no index that only a merged jar needs), the runner jar carries both.
 */
class ArtifactsIT {
    private static final String UBER_CONVERTERS = "META-INF/services/org/apache/camel/UberTypeConverterLoader";

    @Test
    void theThinJarForcesNothingOnItsHost() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("ddbsync.it.thinJar"))) {
            assertNull(jar.getEntry("logback.xml"), "a logging configuration in the library");
            assertNull(jar.getEntry(UBER_CONVERTERS), "the merged jar's type converter index in the library");
            assertNotNull(jar.getEntry("META-INF/services/org/apache/camel/component/dolphindb"), "the component's service file");
            assertNotNull(jar.getEntry("META-INF/io/ddbsync/camel/dolphindb.json"), "the component's generated metadata");
        }
    }

    @Test
    void theRunnerJarRunsOnItsOwn() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("ddbsync.it.runnerJar"))) {
            assertNotNull(jar.getEntry("logback.xml"), "the runner's default logging configuration");
            assertNotNull(jar.getEntry(UBER_CONVERTERS), "the merged type converter index");
            assertNotNull(jar.getEntry("org/apache/camel/main/Main.class"), "camel-main inside");
            assertEquals("io.ddbsync.app.SyncApplication", jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }
}
