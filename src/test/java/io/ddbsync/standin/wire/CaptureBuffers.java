package io.ddbsync.standin.wire;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte arrays for uploaded tables, reused once the table holding one can no longer be reached.
 * A table written in blocks arrives as one multi-megabyte upload per block; allocating each anew
 * makes the JVM touch fresh memory for every block (page faults, and with them most of the cost
 * of receiving), where a reused array is already mapped. An array goes back to the pool only
 * when the garbage collector has found its table unreachable, so no one can still read it.
 */
final class CaptureBuffers {
    private static final Cleaner CLEANER = Cleaner.create();
    /** The pool keeps at most this share of the heap, so a small test server keeps its memory. */
    private static final long MAX_POOLED_BYTES = Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 8);

    private static final List<byte[]> pool = new ArrayList<>();
    private static long pooledBytes;

    private CaptureBuffers() {
    }

    /**
     * An array of at least {@code size} bytes: a pooled one when one fits, and not one more than
     * twice as large (a small table kept in a variable should not hold on to a large array).
     */
    static synchronized byte[] take(int size) {
        int best = -1;
        for (int i = 0; i < pool.size(); i++) {
            int length = pool.get(i).length;
            if (length >= size && length / 2 <= size && (best < 0 || length < pool.get(best).length)) best = i;
        }
        if (best < 0) return new byte[size];
        byte[] b = pool.remove(best);
        pooledBytes -= b.length;
        return b;
    }

    /** Returns an array nobody else refers to. */
    static synchronized void giveBack(byte[] b) {
        if (b.length < (64 << 10) || pooledBytes + b.length > MAX_POOLED_BYTES) return;
        pool.add(b);
        pooledBytes += b.length;
    }

    /** Returns {@code b} to the pool once {@code owner}, the only holder of it, is unreachable. */
    static void giveBackAfter(Object owner, byte[] b) {
        CLEANER.register(owner, () -> giveBack(b));
    }
}
