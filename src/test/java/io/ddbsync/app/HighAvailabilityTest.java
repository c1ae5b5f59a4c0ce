package io.ddbsync.app;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/** What HighAvailability does with its settings before any route exists (StandbyRunnerTest runs two runners). */
class HighAvailabilityTest {

    private static DefaultCamelContext contextWith(String... keyValues) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) p.setProperty(keyValues[i], keyValues[i + 1]);
        context.getPropertiesComponent().setOverrideProperties(p);
        return context;
    }

    @Test
    void withoutALockDirectoryTheSchedulesArePlainQuartz() throws Exception {
        try (DefaultCamelContext context = contextWith()) {
            HighAvailability.configure(context);
            assertTrue(context.getPropertiesComponent().resolveProperty("ddbsync.ha.schedulePrefix").isEmpty());
        }
    }

    @Test
    void aLockDirectoryPutsTheSchedulesBehindTheLeadership(@TempDir Path dir) throws Exception {
        try (DefaultCamelContext context = contextWith("ddbsync.ha.lockDir", dir.resolve("locks").toString(), "ddbsync.ha.nodeId", "n1")) {
            HighAvailability.configure(context);
            assertEquals("master:ddbsync:", context.getPropertiesComponent().resolveProperty("ddbsync.ha.schedulePrefix").orElseThrow());
            assertFalse(context.hasServices(org.apache.camel.cluster.CamelClusterService.class).isEmpty());
            assertTrue(Files.isDirectory(dir.resolve("locks")));
        }
    }

    @Test
    void aLockDirectoryThatCannotBeMadeIsNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        try (DefaultCamelContext context = contextWith("ddbsync.ha.lockDir", file.resolve("locks").toString())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HighAvailability.configure(context));
            assertTrue(e.getMessage().startsWith("ddbsync.ha.lockDir " + file.resolve("locks") + " cannot be made"), e.getMessage());
        }
    }

    @Test
    void aLockIntervalThatIsNotSecondsIsNamed(@TempDir Path dir) throws Exception {
        try (DefaultCamelContext context = contextWith("ddbsync.ha.lockDir", dir.toString(), "ddbsync.ha.acquireLockInterval", "10s")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HighAvailability.configure(context));
            assertTrue(e.getMessage().contains("ddbsync.ha.acquireLockInterval") && e.getMessage().contains("'10s'"), e.getMessage());
        }
    }
}
