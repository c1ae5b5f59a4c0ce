package io.ddbsync.app;

import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The application hooks itself into a CamelContext that merely has it on its classpath: Camel's
 * ServiceLoader finds SyncPlugin; nobody calls it here. The settings come from a properties file, as
 * in every runtime.
 */
class SyncPluginTest {
    @TempDir
    Path dir;

    private DefaultCamelContext contextWith(String... lines) throws Exception {
        Path file = Files.write(dir.resolve("application.properties"), java.util.List.of(lines));
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:" + file);
        return context;
    }

    @Test
    void withoutDdbsyncSettingsAContextIsLeftAlone() throws Exception {
        try (DefaultCamelContext context = contextWith("camel.main.name = other")) {
            context.start();
            assertTrue(context.hasServices(CamelClusterService.class).isEmpty());
            assertTrue(context.getPropertiesComponent().resolveProperty("ddbsync.ha.schedulePrefix").isEmpty());
        }
    }

    @Test
    void aHostWhoseRoutesRunNoJobKeepsItsOwnJobsKeys() throws Exception {
        // not this application's context: its jobs.* keys are none of ours to check
        try (DefaultCamelContext context = contextWith("jobs.nightly.cron = 0 0 1 * * ?")) {
            context.start();
            assertTrue(context.isStarted());
        }
    }

    @Test
    void aLockDirectoryRegistersTheLeadershipService() throws Exception {
        try (DefaultCamelContext context = contextWith("ddbsync.ha.lockDir = " + dir.resolve("locks"), "ddbsync.ha.nodeId = n1")) {
            context.start();
            assertEquals(1, context.hasServices(CamelClusterService.class).size());
            assertEquals("master:ddbsync:", context.getPropertiesComponent().resolveProperty("ddbsync.ha.schedulePrefix").orElseThrow());
            assertTrue(Files.isDirectory(dir.resolve("locks")));
        }
    }

    @Test
    void aMisspeltSettingStopsTheStartNamingIt() throws Exception {
        try (DefaultCamelContext context = contextWith("ddbsync.ha.lockdir = " + dir.resolve("locks"))) {
            Exception e = assertThrows(Exception.class, context::start);
            String message = causes(e);
            assertTrue(message.contains("Unknown setting ddbsync.ha.lockdir"), message);
            assertFalse(context.isStarted());
            assertFalse(Files.exists(dir.resolve("locks")), "the misspelt lock directory was not made");
        }
    }

    @Test
    void overridesAreCheckedToo() throws Exception {
        try (DefaultCamelContext context = contextWith("camel.main.name = other")) {
            Properties p = new Properties();
            p.setProperty("ddbsync.statedir", "x");
            context.getPropertiesComponent().setOverrideProperties(p);
            String message = causes(assertThrows(Exception.class, context::start));
            assertTrue(message.contains("Unknown setting ddbsync.statedir"), message);
        }
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) all.append(t.getMessage()).append('\n');
        return all.toString();
    }
}
