package io.ddbsync.standin.backup;

import io.ddbsync.standin.StandInNode;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One row of getBackupStatus: a backup or restore of one table by one call, with its progress.
 * Kept in the node's job list, which a restart clears, as DolphinDB's is.
 */
public final class BackupJob {
    final String userName;
    final String type;
    final long startTime;
    final String dbName;
    final String tableName;
    private volatile int totalPartitions;
    private final AtomicInteger completedPartitions = new AtomicInteger();
    private volatile long endTime = Long.MIN_VALUE;

    private BackupJob(String userName, String type, String dbName, String tableName) {
        this.userName = userName;
        this.type = type;
        this.startTime = System.currentTimeMillis();
        this.dbName = dbName;
        this.tableName = tableName;
    }

    /** Starts recording a job on the node. */
    static BackupJob start(StandInNode node, String user, BackupMethod method, boolean restore, String dbPath, String table) {
        BackupJob job = new BackupJob(user == null ? "guest" : user, method.jobType(restore), dbPath, table);
        node.jobRecords().add(job);
        return job;
    }

    void total(int n) {
        totalPartitions = n;
    }

    void partitionDone() {
        completedPartitions.incrementAndGet();
    }

    void finish() {
        endTime = System.currentTimeMillis();
    }

    int totalPartitions() {
        return totalPartitions;
    }

    int completedPartitions() {
        return completedPartitions.get();
    }

    boolean completed() {
        return endTime != Long.MIN_VALUE;
    }

    /** The end time, or while running an estimate from the pace so far. */
    long endTime() {
        if (completed()) return endTime;
        int done = completedPartitions();
        long elapsed = System.currentTimeMillis() - startTime;
        return done == 0 ? System.currentTimeMillis() : startTime + elapsed * Math.max(totalPartitions, done) / done;
    }

    int percentComplete() {
        int total = totalPartitions;
        if (completed() || total == 0) return completed() ? 100 : 0;
        return (int) (100L * completedPartitions() / total);
    }
}
