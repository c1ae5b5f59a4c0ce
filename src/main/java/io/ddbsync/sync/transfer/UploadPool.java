package io.ddbsync.sync.transfer;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that upload one job's files in parallel (the SFTP leg's split). Camel's producer
 * cache gives each thread its own SFTP producer, hence its own connection: more threads, more
 * connections, more CPU on both ends for encryption.
 *
 * <p>A bean of the route template, so every job has its own bounded pool. Camel does not shut
 * down an executor it looked up, so the threads are daemons that end when idle.
 *
 * <p>A parallel split that stops on an exception returns at once, while the other threads may
 * still be writing a file; {@link #awaitQuiet(long)} lets the leg wait for them before it reports
 * the failure, so no upload of a failed run lands in the target after a new run has started.
 */
public class UploadPool extends ThreadPoolExecutor {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Object quiet = new Object();
    private final Set<Thread> running = new HashSet<>();

    public UploadPool() {
        super(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("ddbsync-upload-" + POOLS.incrementAndGet()));
        allowCoreThreadTimeOut(true);
    }

    public void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("uploadThreads must be at least 1, not " + threads);
        if (threads > getMaximumPoolSize()) {
            setMaximumPoolSize(threads);
            setCorePoolSize(threads);
        } else {
            setCorePoolSize(threads);
            setMaximumPoolSize(threads);
        }
    }

    @Override
    protected void beforeExecute(Thread thread, Runnable task) {
        synchronized (quiet) {
            running.add(thread);
        }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        synchronized (quiet) {
            running.remove(Thread.currentThread());
            quiet.notifyAll();
        }
    }

    /**
     * Waits until no other upload runs and none is queued, at most {@code timeoutMillis}; true if
     * quiet. The split hands the rest of the route to the thread whose upload failed, which may be
     * one of ours: that one does not count.
     */
    public boolean awaitQuiet(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Thread caller = Thread.currentThread();
        synchronized (quiet) {
            while (running.stream().anyMatch(t -> t != caller) || !getQueue().isEmpty()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) return false;
                quiet.wait(Math.min(left, 1000)); // queued tasks do not notify when taken, so look again now and then
            }
            return true;
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
