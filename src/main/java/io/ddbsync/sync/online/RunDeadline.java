package io.ddbsync.sync.online;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A run's overall deadline (the online-sync template's {@code deadline}): once it has passed, no
 * partition starts copying or verifying and those copying stop at their next block, failing with
 * {@link DeadlinePassedException}; the target is left as a re-run repairs it (a partition is cleared
 * before it is copied, and only verified ones enter the ledger). The bound on each wait for a
 * server is the cluster's readTimeout, so a partition blocked on a call ends within that too.
 */
final class RunDeadline {
    private static final RunDeadline NONE = new RunDeadline(null, null, 0, 0);

    private final String jobId;
    private final String text;
    private final long startNanos;
    private final long millis;

    private RunDeadline(String jobId, String text, long startNanos, long millis) {
        this.jobId = jobId;
        this.text = text;
        this.startNanos = startNanos;
        this.millis = millis;
    }

    /** @param millis 0 or less: no deadline */
    static RunDeadline of(String jobId, String text, long millis) {
        return millis <= 0 ? NONE : new RunDeadline(jobId, text, System.nanoTime(), millis);
    }

    boolean passed() {
        return millis > 0 && remainingNanos() <= 0;
    }

    private long remainingNanos() {
        return startNanos + millis * 1_000_000 - System.nanoTime();
    }

    /** Fails when the deadline has passed. */
    void check() {
        if (passed()) throw passedError();
    }

    /** Takes a permit, waiting no longer than the deadline; fails when it passes first. */
    void acquire(Semaphore semaphore) throws InterruptedException {
        if (millis <= 0) {
            semaphore.acquire();
        } else if (!semaphore.tryAcquire(Math.max(0, remainingNanos()), TimeUnit.NANOSECONDS)) {
            throw passedError();
        }
    }

    DeadlinePassedException passedError() {
        return new DeadlinePassedException("Job " + jobId + " passed its deadline of " + text
                + " (deadline): its partition work stopped, and a re-run copies the partitions not verified");
    }

    /** The run went on for longer than the job's deadline allows. */
    static final class DeadlinePassedException extends IllegalStateException {
        DeadlinePassedException(String message) {
            super(message);
        }
    }
}
