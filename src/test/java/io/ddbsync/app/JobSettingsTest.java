package io.ddbsync.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The shipped routes and configuration with one more key under jobs. or transfer.: a key under a name
 * that is no job (nor, under transfer., a leg), or under a job or leg but read by no route, stops the
 * start, naming it (SyncPlugin finds the application in camel-main by itself).
 */
class JobSettingsTest {

    /** The shipped configuration's overrides for a start that connects to nothing: the cluster passwords its environment would give. */
    private static Properties shipped() {
        Properties p = new Properties();
        p.setProperty("camel.management.enabled", "false");
        p.setProperty("dolphindb.clusters.source.password", "unused");
        p.setProperty("dolphindb.clusters.target.password", "unused");
        return p;
    }

    private static String startFailure(String key, String value) {
        Properties p = shipped();
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

    /**
     * Keys that would be ignored: db1-offline reads its window from jobs.db1.window (settings=db1); a job
     * taken out of the routes keeps no keys; db1-online reads its table settings under
     * jobs.db1-online.tables.*, never under its settings group.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jobs.db1-offline.window            | yesterday   | no route of the jobs reads it",
            "jobs.retired-job.cron              | 0 0 1 * * ? | no job of that name",
            "jobs.db1.tables.quotes.targetTable | quotes_copy | no route of the jobs reads it"})
    void aKeyNoRouteReadsStopsTheStart(String key, String value, String why) {
        String message = startFailure(key, value);
        assertTrue(message.contains("Unknown setting " + key + ": " + why), message);
    }

    @Test
    void aKeyUnderANameThatIsNoJobStopsTheStartListingTheJobs() {
        // db1-onlne for db1-online: the parallel setting would be ignored without a word
        String message = startFailure("jobs.db1-onlne.parallel", "4");
        assertTrue(message.contains("Unknown setting jobs.db1-onlne.parallel: no job of that name"), message);
        assertTrue(message.contains("The jobs are db1-offline, db1-offline-sftp, db1-offline-shared, db1-online, trades-offline;"
                + " they also read jobs.db1.*"), "every job of the shipped routes is listed: " + message);
    }

    /**
     * Keys under transfer. that no route reads: a misspelt job (db1-ofline), a misspelt parameter under a
     * leg or under a job, and a job whose routes take no SFTP or rsync leg. The message names the key,
     * never its value.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "transfer.db1-ofline.targetHost    | no job or transfer leg of that name",
            "transfer.stfp.host                | no job or transfer leg of that name",
            "transfer.sftp.hots                | no route of the jobs reads it (under transfer.sftp.* the routes read",
            "transfer.db1-offline-sftp.hots    | no route of the jobs reads it (under transfer.db1-offline-sftp.* the routes read",
            "transfer.db1-offline.host         | no route of the jobs reads it (under transfer.db1-offline.* the routes read",
            "transfer.db1-online.host          | no route of the jobs reads it (under transfer.db1-online.* the routes read nothing)"})
    void aTransferKeyNoRouteReadsStopsTheStartNamingItAndNotItsValue(String key, String why) {
        String message = startFailure(key, "value-Zq8x");
        assertTrue(message.contains("Unknown setting " + key + ": " + why), message);
        assertFalse(message.contains("value-Zq8x"), "the value is not shown: " + message);
    }

    @Test
    void aKeyUnderANameThatIsNoJobNorLegListsTheJobsAndTheLegs() {
        String message = startFailure("transfer.db1-ofline.host", "10.0.0.9");
        assertTrue(message.contains("The jobs are db1-offline, db1-offline-sftp, db1-offline-shared, db1-online, trades-offline;"
                + " the legs read transfer.rsync.*, transfer.sftp.*"), message);
    }

    @Test
    void aJobsOwnTransferKeysStart() throws Exception {
        Properties p = shipped();
        p.setProperty("transfer.db1-offline-sftp.host", "10.0.0.9");
        p.setProperty("transfer.db1-offline.rsyncOptions", "--bwlimit=100m");
        p.setProperty("transfer.sftp.uploadThreads", "4");
        try (SyncRunner runner = SyncRunner.start(p)) {
            assertTrue(runner.context().isStarted());
        }
    }

    @Test
    void theShippedSettingsAndPerTableSettingsStart() throws Exception {
        Properties p = shipped();
        p.setProperty("jobs.db1-online.parallel", "2");
        p.setProperty("jobs.db1-online.tables.quotes.targetTable", "quotes_copy");
        try (SyncRunner runner = SyncRunner.start(p)) {
            assertTrue(runner.context().isStarted());
        }
    }
}
