package io.ddbsync.sync.transfer;

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
 */
public class UploadPool extends ThreadPoolExecutor {

    private static final AtomicInteger POOLS = new AtomicInteger();

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

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
