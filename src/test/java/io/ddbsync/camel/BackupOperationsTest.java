package io.ddbsync.camel;

import com.xxdb.data.BasicTable;
import io.ddbsync.Requirements;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * backup, restore, backupList, checkBackup and backupStatus, from the YAML routes: the offline
 * sync of the tutorial between two clusters that share a disk (as after a transfer leg).
 * A server without DolphinDB's backup functions skips them (fails them under CI=true: {@link Requirements}).
 */
class BackupOperationsTest extends DolphinDBTestSupport {
    @BeforeEach
    void loadYamlRoutes() throws Exception {
        Requirements.require(serverHasBackup(), "the server function getBackupStatus (DolphinDB's backup functions)");
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/dolphindb-operations.yaml"));
    }

    /** Whether the server knows getBackupStatus: any other failure of the call fails the test, it does not skip it. */
    private static boolean serverHasBackup() throws Exception {
        try {
            src.run("getBackupStatus()");
            return true;
        } catch (Exception e) {
            if (String.valueOf(e.getMessage()).contains("Cannot recognize the token getBackupStatus")) return false;
            throw e;
        }
    }

    private Exchange send(String route, Map<String, Object> headers, Object body) {
        Exchange out = template.request("direct:" + route, e -> {
            e.getMessage().getHeaders().putAll(headers);
            e.getMessage().setBody(body);
        });
        if (out.getException() != null) fail(route, out.getException());
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void copyFilesBackupThenRestoreOnTheOtherCluster(@TempDir Path dir) throws Exception {
        String db = createTradesTable(src, 3);
        Map<String, Object> where = Map.of(DolphinDBConstants.DATABASE, db, DolphinDBConstants.BACKUP_DIR, dir.toString());

        assertEquals(3, send("yaml-backup", where, null).getMessage().getBody());
        List<Map<String, Object>> list = send("yaml-backup-list", where, null).getMessage().getBody(List.class);
        assertEquals(3, list.size());
        BasicTable corrupted = send("yaml-check-backup", where, null).getMessage().getBody(BasicTable.class);
        assertEquals(0, corrupted.rows());
        List<Map<String, Object>> status = send("yaml-backup-status", Map.of(), null).getMessage().getBody(List.class);
        assertFalse(status.isEmpty());

        // the target database must exist before restore: create it like the source's
        send("yaml-ensure", Map.of(DolphinDBConstants.DATABASE, db), null);
        List<String> chunks = send("yaml-restore", where, null).getMessage().getBody(List.class);
        assertEquals(3, chunks.size());
        assertEquals(30L, dst.count(db, "mt"));
        List<PartitionStats> a = send("yaml-stats-src", Map.of(DolphinDBConstants.DATABASE, db), null).getMessage().getBody(List.class);
        List<PartitionStats> b = send("yaml-stats-dst", Map.of(DolphinDBConstants.DATABASE, db), null).getMessage().getBody(List.class);
        assertEquals(a.toString(), b.toString());
    }

    @Test
    void sqlBackupOfAWindowRestoredIntoAnOutputTable(@TempDir Path dir) throws Exception {
        String db = createTradesTable(src, 3);
        Exchange backedUp = send("yaml-backup", Map.of(DolphinDBConstants.DATABASE, db, DolphinDBConstants.BACKUP_DIR, dir.toString(),
                DolphinDBConstants.WHERE, "Timestamp >= 2024.01.02T00:00:00.000"), null);
        assertEquals(2, backedUp.getMessage().getBody());
        send("yaml-ensure", Map.of(DolphinDBConstants.DATABASE, db), null);
        send("yaml-restore", Map.of(DolphinDBConstants.DATABASE, db, DolphinDBConstants.BACKUP_DIR, dir.toString(),
                DolphinDBConstants.OUTPUT_TABLE, "mt"), null);
        assertEquals(20L, dst.count(db, "mt"));
    }

    @Test
    void serverErrorsOfBackupComeBackWithContext() throws Exception {
        String db = createTradesTable(src, 1);
        Exchange out = template.request("direct:yaml-backup", e -> {
            e.getMessage().setHeader(DolphinDBConstants.DATABASE, db);
            e.getMessage().setHeader(DolphinDBConstants.BACKUP_DIR, "/tmp/bk-missing-partition");
            e.getMessage().setHeader(DolphinDBConstants.PARTITION, "/20240105");
        });
        DolphinDBOperationException e = AppendOperationTest.failure(out);
        assertEquals("backup", e.getOperation());
        assertEquals("/20240105", e.getPartition());
        assertTrue(e.getServerMessage().contains("S01020"), e.getServerMessage());
    }
}
