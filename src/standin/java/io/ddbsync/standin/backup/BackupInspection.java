package io.ddbsync.standin.backup;

import com.xxdb.data.*;
import io.ddbsync.standin.StandInNode;
import io.ddbsync.standin.script.DictValue;
import io.ddbsync.standin.script.ScriptException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** getBackupList, getBackupMeta, loadBackup, checkBackup and getBackupStatus: reading backups and jobs, with the manual's shapes. */
public final class BackupInspection {
    private BackupInspection() {
    }

    /** One row per backed-up partition: chunkID, chunkPath, cid, rows, updateTime. */
    public static BasicTable list(Path backupDir, String dbPath, String tableName) {
        TableBackupDir b = TableBackupDir.open(backupDir, dbPath, tableName);
        List<String> ids = new ArrayList<>(), paths = new ArrayList<>();
        List<Long> cids = new ArrayList<>(), rows = new ArrayList<>(), times = new ArrayList<>();
        for (TableBackupDir.Entry e : b.entries()) {
            if (e.meta() == null) continue;
            ids.add(e.chunkId());
            paths.add(BackupLayout.dfsChunkPath(b.meta.dbPath(), e.partition(), b.meta.physicalIndex()));
            cids.add(e.meta().cid());
            rows.add(e.meta().rows());
            times.add(e.meta().updateTime());
        }
        return new BasicTable(List.of("chunkID", "chunkPath", "cid", "rows", "updateTime"),
                List.of(RestoreCommands.strings(ids), RestoreCommands.strings(paths), longs(cids), longs(rows),
                        new BasicTimestampVector(times.stream().mapToLong(Long::longValue).toArray())));
    }

    /** A dictionary: schema, dfsPath, rows, chunkID, cid. */
    public static DictValue meta(Path backupDir, String dbPath, String partition, String tableName) {
        TableBackupDir b = TableBackupDir.open(backupDir, dbPath, tableName);
        TableBackupDir.Entry e = b.find(partition);
        return new DictValue()
                .put("schema", b.meta.colDefs())
                .put("dfsPath", new BasicString(BackupLayout.dfsChunkPath(b.meta.dbPath(), e.partition(), b.meta.physicalIndex())))
                .put("rows", new BasicLong(e.meta().rows()))
                .put("chunkID", new BasicString(e.chunkId()))
                .put("cid", new BasicLong(e.meta().cid()));
    }

    /** The rows of one partition of a SQL backup. */
    public static BasicTable load(Path backupDir, String dbPath, String partition, String tableName) {
        TableBackupDir b = TableBackupDir.open(backupDir, dbPath, tableName);
        if (b.meta.method() != BackupMethod.SQL) {
            throw new ScriptException("loadBackup only loads backups made with a SQL statement; the backup of " + b.qualifiedName()
                    + " in " + backupDir + " was made by copying files");
        }
        TableBackupDir.Entry e = b.find(partition);
        try {
            return b.store.load(b.dir, e.chunkId(), b.meta);
        } catch (CorruptChunkException c) {
            throw new ScriptException("The backup of partition " + e.partition() + " of " + b.qualifiedName() + " is corrupted: " + c.getMessage());
        }
    }

    /** The damaged partitions (empty when all are whole): dbName, tableName, chunkPath, chunkID, partitionPath. */
    public static BasicTable check(Path backupDir, String dbPath, List<String> tableNames, String pattern) {
        List<TableBackupDir> backups = new ArrayList<>();
        if (tableNames == null || tableNames.isEmpty()) {
            for (Path dir : BackupLayout.tableDirsOfDb(backupDir.resolve(BackupLayout.dbName(dbPath)))) backups.add(TableBackupDir.at(dir));
        } else {
            for (String t : tableNames) backups.add(TableBackupDir.open(backupDir, dbPath, t));
        }
        PartitionPattern p = pattern == null ? PartitionPattern.all() : PartitionPattern.of(pattern);
        List<String> dbs = new ArrayList<>(), tables = new ArrayList<>(), chunkPaths = new ArrayList<>(), ids = new ArrayList<>(), partitions = new ArrayList<>();
        for (TableBackupDir b : backups) {
            List<TableBackupDir.Entry> selected = b.select(p);
            // each entry read and hashed on the pool that backup and restore use (a server checks
            // partitions independently); the rows come in the entries' order all the same
            List<Callable<Boolean>> checks = new ArrayList<>(selected.size());
            for (TableBackupDir.Entry e : selected) checks.add(() -> isCorrupt(b, e));
            List<Boolean> corrupt = PartitionWork.run(checks, true, "checkBackup");
            for (int i = 0; i < selected.size(); i++) {
                if (!corrupt.get(i)) continue;
                TableBackupDir.Entry e = selected.get(i);
                dbs.add(b.meta.dbPath());
                tables.add(b.meta.tableName());
                // a damaged record no longer tells its partition: the entry is still listed, by chunk ID
                chunkPaths.add(e.meta() == null ? "" : BackupLayout.dbRelative(b.meta.dbPath(), e.partition()) + "/" + b.meta.physicalIndex());
                ids.add(e.chunkId());
                partitions.add(e.meta() == null ? "" : e.partition());
            }
        }
        return new BasicTable(List.of("dbName", "tableName", "chunkPath", "chunkID", "partitionPath"),
                List.of(RestoreCommands.strings(dbs), RestoreCommands.strings(tables), RestoreCommands.strings(chunkPaths),
                        RestoreCommands.strings(ids), RestoreCommands.strings(partitions)));
    }

    private static boolean isCorrupt(TableBackupDir b, TableBackupDir.Entry e) {
        if (e.meta() == null) return true;
        try {
            b.store.verify(b.dir, e.meta());
            return false;
        } catch (CorruptChunkException c) {
            return true;
        }
    }

    /** One row per (job, table), newest first; only {@code userName}'s when given. */
    public static BasicTable status(StandInNode node, String userName) {
        List<BackupJob> jobs = new ArrayList<>();
        for (Object o : node.jobRecords()) {
            if (o instanceof BackupJob j && (userName == null || j.userName.equals(userName))) jobs.add(j);
        }
        jobs.sort((a, b) -> Long.compare(b.startTime, a.startTime));
        int n = jobs.size();
        String[] users = new String[n], types = new String[n], dbs = new String[n], tables = new String[n];
        long[] starts = new long[n], ends = new long[n];
        int[] total = new int[n], done = new int[n], percent = new int[n], completed = new int[n];
        for (int i = 0; i < n; i++) {
            BackupJob j = jobs.get(i);
            users[i] = j.userName;
            types[i] = j.type;
            starts[i] = j.startTime;
            dbs[i] = j.dbName;
            tables[i] = j.tableName;
            total[i] = j.totalPartitions();
            done[i] = j.completedPartitions();
            percent[i] = j.percentComplete();
            ends[i] = j.endTime();
            completed[i] = j.completed() ? 1 : 0;
        }
        return new BasicTable(List.of("userName", "type", "startTime", "dbName", "tableName", "totalPartitions", "completedPartitions",
                "percentComplete", "endTime", "completed"),
                List.of(new BasicStringVector(users), new BasicStringVector(types), new BasicTimestampVector(starts), new BasicStringVector(dbs),
                        new BasicStringVector(tables), new BasicIntVector(total), new BasicIntVector(done), new BasicIntVector(percent),
                        new BasicTimestampVector(ends), new BasicIntVector(completed)));
    }

    private static BasicLongVector longs(List<Long> values) {
        return new BasicLongVector(values.stream().mapToLong(Long::longValue).toArray());
    }
}
