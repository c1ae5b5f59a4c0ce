package io.ddbsync.sync.offline;

import io.ddbsync.sync.run.SyncProperties;
import io.ddbsync.sync.run.SyncRuns;
import io.ddbsync.sync.run.SyncWindow;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Chooses how an offline run backs up and where the files go.
 * <ul>
 * <li>The whole table with every column: a copy-files backup into a directory kept from run to
 * run, so DolphinDB backs up only partitions that changed, the transfer moves only changed files,
 * and restore overwrites only partitions that differ.</li>
 * <li>A window or a column subset: a SQL backup (the tutorial's examples 1-3) into a directory
 * emptied first, since a SQL backup directory keeps partitions of earlier windows that a restore
 * of "%" would append again. Its restore appends, so the window's partitions are cleared on the
 * target first.</li>
 * </ul>
 * The two kinds use separate directories: DolphinDB refuses to mix them in one (S01022).
 */
public class BackupPlan {
    public static final String MODE = "DdbSyncBackupMode";
    public static final String FILES = "files";
    public static final String SQL = "sql";

    public String prepare(Exchange exchange, String job, String backupRoot, String restoreRoot, String columns) throws IOException {
        SyncWindow window = exchange.getProperty(SyncProperties.WINDOW, SyncWindow.class);
        boolean whole = (window == null || window.isAll()) && (columns == null || columns.isBlank());
        String mode = whole ? FILES : SQL;
        Path backup = Path.of(backupRoot).toAbsolutePath().resolve(job).resolve(mode);
        String restore = restoreRoot.endsWith("/") ? restoreRoot + job + "/" + mode : restoreRoot + "/" + job + "/" + mode;
        if (mode.equals(SQL)) emptyDirectory(backup);
        Files.createDirectories(backup);
        exchange.setProperty(MODE, mode);
        exchange.getIn().setHeader(SyncProperties.BACKUP_PATH, backup.toString());
        exchange.getIn().setHeader(SyncProperties.RESTORE_PATH, restore);
        SyncRuns.report(exchange).fact("backup", mode + " backup in " + backup + ", restored from " + restore);
        return mode;
    }

    private static void emptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) Files.delete(p);
            }
        }
    }
}
