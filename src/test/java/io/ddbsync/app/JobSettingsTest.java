package io.ddbsync.app;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The shipped routes and configuration with one more key under a job's name: a key no route of the
 * job reads stops the start, naming it (SyncPlugin finds the application in camel-main by itself).
 */
class JobSettingsTest {

    private static String startFailure(String key, String value) {
        Properties p = new Properties();
        p.setProperty("camel.management.enabled", "false");
        p.setProperty(key, value);
        Exception e = assertThrows(Exception.class, () -> SyncRunner.start(p).close(), key + " was taken");
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) all.append(t.getMessage()).append('\n');
        return all.toString();
    }

    @Test
    void aMisspeltJobSettingStopsTheStart() {
        String message = startFailure("jobs.db1-online.paralel", "8");
        assertTrue(message.contains("Unknown setting jobs.db1-online.paralel: no route of the jobs reads it"), message);
        assertTrue(message.contains("jobs.db1-online.parallel"), "it lists what the job reads: " + message);
    }

    @Test
    void aSettingUnderTheJobWhereTheJobReadsItsSettingsGroupStopsTheStart() {
        // db1-offline reads its window from jobs.db1.window (settings=db1): this one would be ignored
        String message = startFailure("jobs.db1-offline.window", "yesterday");
        assertTrue(message.contains("Unknown setting jobs.db1-offline.window"), message);
    }

    @Test
    void theShippedSettingsAndPerTableSettingsStart() throws Exception {
        Properties p = new Properties();
        p.setProperty("camel.management.enabled", "false");
        p.setProperty("jobs.db1-online.parallel", "2");
        p.setProperty("jobs.db1-online.tables.quotes.targetTable", "quotes_copy");
        // no job of that name: left alone
        p.setProperty("jobs.retired-job.cron", "0 0 1 * * ?");
        try (SyncRunner runner = SyncRunner.start(p)) {
            assertTrue(runner.context().isStarted());
        }
    }
}
