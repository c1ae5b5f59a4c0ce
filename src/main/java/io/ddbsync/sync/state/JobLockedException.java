package io.ddbsync.sync.state;

import java.nio.file.Path;

/**
 * A run refused because another run of the same job holds its lock ({@link JobLock}); the refused
 * run wrote nothing. Its message names the job and who runs it (host, process id, since when).
 */
public class JobLockedException extends IllegalStateException {
    private final String job;

    public JobLockedException(String job, JobLock.Holder holder, Path lockFile) {
        super("job " + job + " is running on " + (holder == null ? "another runner (its holder is not written yet)" : holder.toString())
                + " (lock " + lockFile + "); this run wrote nothing");
        this.job = job;
    }

    public String job() {
        return job;
    }
}
