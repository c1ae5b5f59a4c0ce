package io.ddbsync.sync.offline;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes files on a few threads while a walk in manifest path order goes on, and hands each result
 * to its step in the walk's order: a manifest, a digest cache and a target directory's merge are
 * written in path order, and a backup has thousands of small files whose hashing (open, read, close)
 * is mostly waiting. At most {@link #WINDOW_PER_THREAD} files a thread are read ahead of the
 * oldest result not yet handed over, so memory stays bounded whatever the number of files.
 */
public final class OrderedHashing implements Closeable {
    private static final int WINDOW_PER_THREAD = 8;
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** What to do with a result, in the walk's order. */
    public interface Then<T> {
        void accept(T value) throws IOException;
    }

    /** A step with nothing to wait for, run in the walk's order after those before it. */
    public interface Step {
        void run() throws IOException;
    }

    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Step> pending = new ArrayDeque<>();

    private OrderedHashing(int threads) {
        int id = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hashing-" + id + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.window = threads * WINDOW_PER_THREAD;
    }

    /** As many threads as cores, at least 2 (the hashing waits on the file system too). */
    public static OrderedHashing start() {
        return new OrderedHashing(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** Hashes {@code file}, listed as {@code path}, then hands its entry to {@code then} in the walk's order. */
    public void hash(Path file, String path, Then<BackupManifest.Entry> then) throws IOException {
        Future<BackupManifest.Entry> hashed = pool.submit(() -> BackupManifest.hash(file, path));
        enqueue(() -> then.accept(result(hashed)));
    }

    /** Runs {@code step} once every step submitted before it has run. */
    public void then(Step step) throws IOException {
        enqueue(step);
    }

    /** Runs every step still waiting, in order. */
    public void finish() throws IOException {
        while (!pending.isEmpty()) pending.poll().run();
    }

    private void enqueue(Step step) throws IOException {
        pending.add(step);
        while (pending.size() > window) pending.poll().run();
    }

    private static <T> T result(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof UncheckedIOException io) throw io.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IOException(cause);
        }
    }

    /** Stops the threads; steps not run by {@link #finish} are dropped (the walk failed). */
    @Override
    public void close() {
        pending.clear();
        pool.shutdownNow();
    }
}
