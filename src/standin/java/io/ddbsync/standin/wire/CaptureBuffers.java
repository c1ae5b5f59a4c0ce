package io.ddbsync.standin.wire;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reusable memory for uploaded tables. A table written in blocks arrives as one multi-megabyte
 * upload per block; allocating each anew makes the JVM zero and the kernel map fresh memory for
 * every block (page faults, and with them most of the cost of receiving), where reused memory is
 * already mapped.
 *
 * <p>Two pools. Direct buffers receive uploads (the socket reads into them and a segment file
 * is written from them, with no copy through the heap); the connection takes one for a request
 * and gives it back explicitly when the request is over, since the garbage collector, which sees
 * only the small objects pointing to direct memory, would seldom find them unreachable. A table
 * that outlives its request moves to a heap array, which goes back to its pool only when the
 * garbage collector has found the table unreachable, so no one can still read it.
 */
final class CaptureBuffers {
    private static final Cleaner CLEANER = Cleaner.create();
    /** Each pool keeps at most this share of the heap, so a small test server keeps its memory. */
    private static final long MAX_POOLED_BYTES = Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 8);
    /** Smaller uploads (scripts' arguments, small tables) are not worth pooling. */
    private static final int MIN_POOLED = 64 << 10;

    private static final Pool<ByteBuffer> DIRECT = new Pool<>();
    private static final Pool<byte[]> HEAP = new Pool<>();

    private CaptureBuffers() {
    }

    /** A cleared direct buffer of at least {@code size} bytes. */
    static ByteBuffer takeDirect(int size) {
        ByteBuffer b = DIRECT.take(size);
        return b == null ? ByteBuffer.allocateDirect(size) : b.clear();
    }

    /** Returns a direct buffer nobody refers to any more. */
    static void giveBack(ByteBuffer b) {
        DIRECT.add(b, b.capacity());
    }

    /** An array of at least {@code size} bytes. */
    static byte[] takeHeap(int size) {
        byte[] b = HEAP.take(size);
        return b == null ? new byte[size] : b;
    }

    /** Returns {@code b} to the pool once {@code owner}, the only holder of it, is unreachable. */
    static void giveBackAfter(Object owner, byte[] b) {
        CLEANER.register(owner, () -> HEAP.add(b, b.length));
    }

    /** Buffers by size: one that fits, and not one more than twice as large (a small table kept in a variable should not hold on to a large one). */
    private static final class Pool<T> {
        private final List<T> items = new ArrayList<>();
        private final List<Integer> sizes = new ArrayList<>();
        private long pooledBytes;

        synchronized T take(int size) {
            int best = -1;
            for (int i = 0; i < items.size(); i++) {
                int capacity = sizes.get(i);
                if (capacity >= size && capacity / 2 <= size && (best < 0 || capacity < sizes.get(best))) best = i;
            }
            if (best < 0) return null;
            pooledBytes -= sizes.remove(best);
            return items.remove(best);
        }

        synchronized void add(T item, int size) {
            if (size < MIN_POOLED || pooledBytes + size > MAX_POOLED_BYTES) return;
            items.add(item);
            sizes.add(size);
            pooledBytes += size;
        }
    }
}
