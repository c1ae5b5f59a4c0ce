package io.ddbsync.sync.online;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A job's partition pool that says so when a partition thread dies of an Error. Camel submits each
 * partition's work as a task, and the task's Future keeps whatever it threw: an Error (an
 * OutOfMemoryError outside the component, which turns its own into failures) would end that
 * partition without completing its exchange, and the run would wait for it for ever without a
 * word. This logs it on the progress log with what to do, then lets it go on as before.
 */
final class ErrorReportingPool extends AbstractExecutorService {
    private static final Logger LOG = LoggerFactory.getLogger("io.ddbsync.progress");

    private final String jobId;
    private final ExecutorService pool;

    ErrorReportingPool(String jobId, ExecutorService pool) {
        this.jobId = jobId;
        this.pool = pool;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable task, T value) {
        return super.newTaskFor(reporting(task), value);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> task) {
        return super.newTaskFor(() -> {
            try {
                return task.call();
            } catch (Error e) {
                throw reported(e);
            }
        });
    }

    @Override
    public void execute(Runnable task) {
        // tasks from submit() are already wrapped: their Future would keep the Error from a wrapper around them
        pool.execute(task instanceof RunnableFuture<?> ? task : reporting(task));
    }

    private Runnable reporting(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Error e) {
                throw reported(e);
            }
        };
    }

    private Error reported(Error e) {
        LOG.error("[{}] a partition thread died of {}: this run cannot end. Restart the runner (the next run resumes from its ledger);"
                + " for an OutOfMemoryError, lower parallel or fetchSize or give the runner a larger heap", jobId, e.toString());
        return e;
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
