package io.ddbsync.app;

import org.apache.camel.CamelContext;

import java.util.List;
import java.util.Set;

/**
 * The runner's own settings, ddbsync.* (config/application.properties, "runner" and "several runners"):
 * a key that is none of them is a misspelling, and would otherwise be silently ignored (a
 * ddbsync.ha.lockdir that leaves high availability off, say), so it stops startup, naming the key.
 * The cluster settings (dolphindb.clusters.*) are checked by the dolphindb component.
 */
final class SyncSettings {
    /** Every ddbsync.* setting the application reads. */
    static final Set<String> KNOWN = Set.of("ddbsync.stateDir", "ddbsync.timeZone", "ddbsync.config", OnceRun.SETTING,
            "ddbsync.ha.lockDir", "ddbsync.ha.nodeId", "ddbsync.ha.acquireLockInterval", "ddbsync.ha.schedulePrefix");

    private SyncSettings() {
    }

    /** @throws IllegalArgumentException naming the ddbsync.* keys of the configuration that are not settings */
    static void check(CamelContext context) {
        List<String> unknown = context.getPropertiesComponent().loadProperties(k -> k.startsWith("ddbsync.")).stringPropertyNames().stream()
                .filter(k -> !KNOWN.contains(k)).sorted().toList();
        if (unknown.isEmpty()) return;
        throw new IllegalArgumentException("Unknown setting" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                + ": the ddbsync settings are " + String.join(", ", KNOWN.stream().sorted().toList()));
    }
}
