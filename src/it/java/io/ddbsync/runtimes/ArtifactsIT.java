package io.ddbsync.runtimes;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What `mvn package` makes: the main artifact is a library a host runtime can load as it is (no
 * logging configuration, no index that only a merged jar needs), the runner jar carries both.
 * Neither holds test code: the stand-in (src/standin/java) and the demo are test sources.
 */
class ArtifactsIT {
    private static final String LOGBACK = "logback.xml";
    private static final String UBER_CONVERTERS = "META-INF/services/org/apache/camel/UberTypeConverterLoader";
    private static final String COMPONENT = "META-INF/services/org/apache/camel/component/dolphindb";
    private static final String METADATA = "META-INF/io/ddbsync/camel/dolphindb.json";
    /** The components of the jar, as Camel's tooling lists them (generated: components=dolphindb). */
    private static final String COMPONENT_LIST = "META-INF/services/org/apache/camel/component.properties";
    /** How cluster settings from properties are bound: without it no cluster can be configured so. */
    private static final String CLUSTER_CONFIGURER = "META-INF/services/org/apache/camel/configurer/io.ddbsync.camel.DolphinDBCluster";
    /** The {{?sshKey:<file>}} placeholder function of the transfer legs' templates. */
    private static final String SSH_KEY_FUNCTION = "META-INF/services/org/apache/camel/properties-function/sshKey";
    private static final String CAMEL_MAIN = "org/apache/camel/main/Main.class";
    /** How Camel finds the application in any runtime (io.ddbsync.app.SyncPlugin). */
    private static final String PLUGIN = "META-INF/services/org.apache.camel.spi.ContextServicePlugin";
    /** Packages of test code that must stay out of both jars. */
    private static final List<String> TEST_PACKAGES = List.of("io/ddbsync/standin/", "io/ddbsync/demo/");

    @Test
    void theThinJarForcesNothingOnItsHost() throws Exception {
        assertEntries("ddbsync.it.thinJar", List.of(COMPONENT, METADATA, COMPONENT_LIST, CLUSTER_CONFIGURER, SSH_KEY_FUNCTION, PLUGIN), List.of(LOGBACK, UBER_CONVERTERS, CAMEL_MAIN));
        assertNamesThePlugin("ddbsync.it.thinJar");
    }

    @Test
    void theRunnerJarRunsOnItsOwn() throws Exception {
        assertEntries("ddbsync.it.runnerJar", List.of(COMPONENT, CLUSTER_CONFIGURER, SSH_KEY_FUNCTION, LOGBACK, UBER_CONVERTERS, CAMEL_MAIN, PLUGIN), List.of());
        // the dependencies unpacked into the runner jar must not have replaced our file with one of theirs
        assertNamesThePlugin("ddbsync.it.runnerJar");
        try (JarFile jar = new JarFile(System.getProperty("ddbsync.it.runnerJar"))) {
            assertEquals("io.ddbsync.app.SyncApplication", jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    /** The jar named by the system property holds every entry of {@code present} and none of {@code absent}. */
    private static void assertEntries(String jarProperty, List<String> present, List<String> absent) throws Exception {
        try (JarFile jar = new JarFile(System.getProperty(jarProperty))) {
            for (String name : present) assertEquals(true, jar.getEntry(name) != null, jar.getName() + " lacks " + name);
            for (String name : absent) assertEquals(false, jar.getEntry(name) != null, jar.getName() + " holds " + name);
            List<String> testCode = jar.stream().map(JarEntry::getName)
                    .filter(name -> TEST_PACKAGES.stream().anyMatch(name::startsWith)).toList();
            assertEquals(List.of(), testCode, jar.getName() + " holds test code");
        }
    }

    private static void assertNamesThePlugin(String jarProperty) throws Exception {
        try (JarFile jar = new JarFile(System.getProperty(jarProperty))) {
            String services = new String(jar.getInputStream(jar.getEntry(PLUGIN)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(true, services.lines().map(String::trim).anyMatch("io.ddbsync.app.SyncPlugin"::equals), jar.getName() + " " + PLUGIN + ": " + services);
        }
    }
}
