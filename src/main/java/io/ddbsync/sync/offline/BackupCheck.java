package io.ddbsync.sync.offline;

import io.ddbsync.sync.run.SyncProperties;
import io.ddbsync.sync.run.SyncRuns;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Acts on DolphinDB's {@code checkBackup}, which reads every file of a backup and answers one row
 * per damaged partition ({@code dbName, tableName, chunkPath, chunkID, partitionPath}), none when
 * the backup is sound. The offline route calls it twice:
 * <ul>
 * <li>on the source, after each backup: an incremental copy-files backup compares metadata only,
 * so a file damaged in the kept backup directory would be shipped by every later run and refused
 * by every restore. {@link #repair} turns the damaged partitions into a forced backup of just
 * those partitions (DolphinDB's own remedy) and says so in the run report;</li>
 * <li>on the target host's copy, after the transfer and before anything touches the target:
 * {@link #requireSound} refuses a damaged copy, so neither a database nor a table is created
 * from a backup that cannot be restored.</li>
 * </ul>
 */
public class BackupCheck {
    private static final Logger LOG = LoggerFactory.getLogger("io.ddbsync.progress");
    private static final String PARTITION_PATH = "partitionPath";
    private static final String CHUNK_ID = "chunkID";

    /**
     * The partitions a forced backup must write again, comma separated (the backup operation's
     * partition list); empty when an entry is too damaged to name its partition, so that the
     * forced backup writes every partition. Records in the run report what was damaged (and logs
     * it with the backup directory, header DdbSyncBackupPath).
     */
    public String repair(Exchange exchange, List<Map<String, Object>> damaged) {
        List<String> paths = new ArrayList<>();
        boolean unnamed = false;
        for (Map<String, Object> row : damaged) {
            String path = partitionOf(row);
            if (path == null) unnamed = true;
            else if (!paths.contains(path)) paths.add(path);
        }
        String where = BackupPlan.FILES.equals(exchange.getProperty(BackupPlan.MODE, String.class))
                ? "the kept backup directory" : "this run's backup";
        List<String> names = names(damaged);
        String what = describe(names);
        String fact = what + (names.size() == 1 ? " was" : " were") + " damaged in " + where + " and backed up again"
                + (unnamed ? " (every partition, since a damaged entry no longer names its own)" : "");
        SyncRuns.report(exchange).fact("repaired", fact);
        LOG.warn("[{}] checkBackup found {} damaged in {} ({}): backing up again, forced", SyncRuns.report(exchange).job(), what, where,
                exchange.getMessage().getHeader(SyncProperties.BACKUP_PATH));
        return unnamed ? "" : String.join(",", paths);
    }

    /** Fails the run when the target host's copy of the backup (header DdbSyncRestorePath) holds a damaged partition. */
    public void requireSound(Exchange exchange, List<Map<String, Object>> damaged, String cluster) throws DamagedBackupException {
        if (damaged.isEmpty()) return;
        String restoreDir = exchange.getMessage().getHeader(SyncProperties.RESTORE_PATH, String.class);
        Map<String, Object> first = damaged.get(0);
        throw new DamagedBackupException("the copy of the backup of " + first.get("dbName") + "/" + first.get("tableName") + " in " + restoreDir
                + " that cluster '" + cluster + "' restores from is damaged (checkBackup): "
                + describe(names(damaged)) + ". Nothing was restored and the target was not touched; the next run checks the source's backup, "
                + "backs up what is damaged there again and transfers again every file the copy does not hold unchanged");
    }

    /** Each damaged partition once: its path, or an entry that no longer names its partition by its chunk ID. */
    private static List<String> names(List<Map<String, Object>> damaged) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> row : damaged) {
            String path = partitionOf(row);
            String name = path != null ? path : "the entry of chunk " + row.get(CHUNK_ID) + " (its record is unreadable)";
            if (!names.contains(name)) names.add(name);
        }
        return names;
    }

    /** "partition /20240102", "partitions /20240102, /20240103". */
    private static String describe(List<String> names) {
        return (names.size() == 1 ? "partition " : "partitions ") + String.join(", ", names);
    }

    private static String partitionOf(Map<String, Object> row) {
        Object path = row.get(PARTITION_PATH);
        return path == null || path.toString().isBlank() ? null : path.toString();
    }

    /** A backup that checkBackup found damaged. */
    public static final class DamagedBackupException extends Exception {
        public DamagedBackupException(String message) {
            super(message);
        }
    }
}
