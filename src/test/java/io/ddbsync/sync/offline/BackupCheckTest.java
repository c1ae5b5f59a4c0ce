package io.ddbsync.sync.offline;

import io.ddbsync.sync.run.RunReport;
import io.ddbsync.sync.run.SyncProperties;
import io.ddbsync.sync.run.SyncRuns;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What the offline route does with checkBackup's rows, row shapes as the manual shows them. */
class BackupCheckTest {
    private final BackupCheck check = new BackupCheck();

    private static Exchange run(String mode) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.setProperty(SyncProperties.REPORT, new RunReport("db1-offline", "offline", "1"));
        e.setProperty(BackupPlan.MODE, mode);
        return e;
    }

    private static Map<String, Object> row(String partition, String chunkId) {
        return Map.of("dbName", "dfs://db1", "tableName", "mt", "chunkPath", partition.isEmpty() ? "" : "/db1" + partition + "/4",
                "chunkID", chunkId, "partitionPath", partition);
    }

    @Test
    void damagedPartitionsOfTheKeptDirectoryAreBackedUpAgainByPathAndReported() {
        Exchange e = run(BackupPlan.FILES);
        String partitions = check.repair(e, List.of(row("/20240102", "a"), row("/20240105", "b")));
        assertEquals("/20240102,/20240105", partitions);
        assertTrue(SyncRuns.report(e).render().contains("partitions /20240102, /20240105 were damaged in the kept backup directory and backed up again"),
                SyncRuns.report(e).render());
    }

    @Test
    void anEntryThatNoLongerNamesItsPartitionMeansEveryPartition() {
        Exchange e = run(BackupPlan.SQL);
        String partitions = check.repair(e, List.of(row("/20240102", "a"), row("", "c-3")));
        assertEquals("", partitions, "no partition list: the forced backup writes every partition");
        String report = SyncRuns.report(e).render();
        assertTrue(report.contains("partitions /20240102, the entry of chunk c-3 (its record is unreadable) were damaged in this run's backup"), report);
        assertTrue(report.contains("(every partition, since a damaged entry no longer names its own)"), report);
    }

    @Test
    void aSoundCopyPassesADamagedOneIsRefusedNamingTableDirectoryClusterAndPartitions() throws Exception {
        check.requireSound(run(BackupPlan.FILES), List.of(), "target");
        Exchange copy = run(BackupPlan.FILES);
        copy.getMessage().setHeader(SyncProperties.RESTORE_PATH, "/restore/db1-offline/files");
        BackupCheck.DamagedBackupException refused = assertThrows(BackupCheck.DamagedBackupException.class,
                () -> check.requireSound(copy, List.of(row("/20240103", "a")), "target"));
        assertTrue(refused.getMessage().startsWith("the copy of the backup of dfs://db1/mt in /restore/db1-offline/files that cluster 'target' restores from"
                + " is damaged (checkBackup): partition /20240103. Nothing was restored and the target was not touched"), refused.getMessage());
    }
}
