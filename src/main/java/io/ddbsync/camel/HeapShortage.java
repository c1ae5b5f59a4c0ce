package io.ddbsync.camel;

/**
 * An OutOfMemoryError met while a block is read, converted or written, turned into an ordinary
 * failure of that exchange. The block being built is garbage once the error has unwound, so the
 * runner can go on; left as an Error, it would end the thread it was thrown on without completing
 * the exchange, and a parallel split (the online sync's partitions) would wait for that exchange
 * for ever. As an exception it fails one partition, which the next run redoes.
 */
public final class HeapShortage {
    private HeapShortage() {
    }

    public static IllegalStateException of(OutOfMemoryError e) {
        long maxMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return new IllegalStateException("out of heap memory (the runner's maximum heap is " + maxMb
                + " MB): lower parallel or fetchSize, or give the runner a larger heap (-Xmx)", e);
    }
}
