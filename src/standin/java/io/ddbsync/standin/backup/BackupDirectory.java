package io.ddbsync.standin.backup;

import io.ddbsync.standin.script.ScriptException;

import java.nio.file.Path;

/** Rules over a whole backup directory: it keeps to one backup method. */
final class BackupDirectory {
    private BackupDirectory() {
    }

    /** Fails when the directory already holds backups made the other way (S01022 for a copy-files backup). */
    static void requireMethod(Path backupDir, BackupMethod wanted) {
        for (Path tableDir : BackupLayout.tableDirs(backupDir)) {
            BackupMethod existing;
            try {
                existing = TableBackupMeta.read(tableDir).method();
            } catch (ScriptException unreadable) {
                // a damaged _metaData says nothing about the method; backing that table up again rewrites it
                continue;
            }
            if (existing == wanted) continue;
            if (wanted == BackupMethod.COPY_FILE) {
                throw new ScriptException("Cannot back up the partitions to the specified backupDir as back up files created with SQL statement already exist in the directory. RefId:S01022");
            }
            throw new ScriptException("Cannot back up with a SQL statement to the specified backupDir as back up files created by copying partitions already exist in the directory.");
        }
    }
}
