package io.ddbsync.standin.backup;

import io.ddbsync.standin.script.ScriptException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One task per partition of a backup or restore: with the functions' parallel flag on a pool of
 * {@link #THREADS} workers (the manual: backup and restore with parallel=true work on the
 * partitions of a table in parallel; backupDB, backupTable, restoreDB and restoreTable always do),
 * else one after another. A task's failure fails the call; with a pool the others still finish,
 * and the first failure in task order is the one reported.
 */
final class PartitionWork {
    static final int THREADS = 4;

    private PartitionWork() {
    }

    /** The tasks' results, in the tasks' order. */
    static <T> List<T> run(List<Callable<T>> tasks, boolean parallel, String what) {
        List<T> out = new ArrayList<>(tasks.size());
        if (!parallel || tasks.size() < 2) {
            for (Callable<T> task : tasks) {
                try {
                    out.add(task.call());
                } catch (ScriptException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ScriptException(e.getMessage(), e);
                }
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, tasks.size()));
        try {
            for (Future<T> f : pool.invokeAll(tasks)) out.add(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScriptException("The " + what + " was interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ScriptException s ? s : new ScriptException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
