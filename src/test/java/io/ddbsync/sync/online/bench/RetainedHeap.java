package io.ddbsync.sync.online.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Retained heap, measured only where the heap holds nothing but live objects: right after a full
 * collection. {@link HeapPeak}'s "live" heap is read after any collection, young ones included,
 * which leave the old generation's garbage in place, so it is an upper bound, not the live set.
 * <p>
 * Two measures, for issue 18's memory target (the heap grows with the partitions by no more than
 * the plan):
 * <ul>
 *   <li>{@link #retainedBytes}: what one object graph alone keeps alive: the heap after a full
 *   collection with it held, minus the heap after one more once it is let go (its retained size:
 *   objects it shares with something still live are not counted, as in a heap dump's retained size);</li>
 *   <li>{@link #sample}: the most the heap held right after a full collection while a run goes on, the
 *   run being stopped every {@code everyMillis} by a forced full collection ({@code System.gc()}, a
 *   full stop-the-world collection under G1, Parallel and Serial unless -XX:+ExplicitGCInvokesConcurrent
 *   or -XX:+DisableExplicitGC is given: {@link #sample} refuses those). Collections the JVM runs
 *   itself count too when they are full ones. It is a sampled maximum: a live set that lasts less than
 *   the period may be missed; what a run holds per partition lives from the plan to the report, the
 *   whole run, and is not.</li>
 * </ul>
 * Public for the offline benchmark (io.ddbsync.app.bench).
 * <p>
 * With {@code -Dddbsync.bench.peakHistograms=<directory>}, each sample that raises a run's peak
 * writes the class histogram of that moment there (peak-&lt;n&gt;.txt, the JVM's GC.class_histogram,
 * itself taken after a full collection): what the peak held, to compare with the histogram before
 * the run (before-&lt;n&gt;.txt); and {@link #histogramAfter} what it still holds after the run.
 */
public final class RetainedHeap implements AutoCloseable {
    private static final long MB = 1024 * 1024;
    /** Held by the sampler while it collects, and by {@link #betweenSamples} around its work. */
    private static final Object SAMPLING = new Object();

    private static final String HISTOGRAMS = System.getProperty("ddbsync.bench.peakHistograms");
    private static final AtomicLong RUNS = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final long run = RUNS.incrementAndGet();
    private final AtomicLong fullCollections = new AtomicLong();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private RetainedHeap(long everyMillis) {
        NotificationListener listener = this::collected;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) continue;
            emitter.addNotificationListener(listener, null, null);
            unsubscribe.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException ignored) {
                    // already gone
                }
            });
        }
        if (HISTOGRAMS != null) histogram("before-" + run);
        sampler = new Thread(() -> {
            long highest = 0;
            while (running) {
                synchronized (SAMPLING) {
                    System.gc();
                    // the collection's notification may come later: the heap used right after it is the same figure
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    if (HISTOGRAMS != null && used > highest) histogram("peak-" + run);
                    highest = Math.max(highest, used);
                }
                try {
                    Thread.sleep(everyMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "retained-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling: a full collection every {@code everyMillis} until {@link #close()}. */
    public static RetainedHeap sample(long everyMillis) {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (options.contains("-XX:+ExplicitGCInvokesConcurrent") || options.contains("-XX:+DisableExplicitGC")) {
            throw new IllegalStateException("System.gc() is not a full collection in this JVM (" + options + "): the retained heap cannot be sampled");
        }
        return new RetainedHeap(everyMillis);
    }

    /** After this run, with peakHistograms: what the heap still holds once the run is let go (after-&lt;n&gt;.txt). */
    public void histogramAfter() {
        if (HISTOGRAMS != null) histogram("after-" + run);
    }

    /** The heap's class histogram now, into the peakHistograms directory as name.txt. */
    private static void histogram(String name) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[]{new String[0]}, new String[]{String[].class.getName()});
            Files.writeString(Path.of(HISTOGRAMS, name + ".txt"), String.valueOf(text));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write the class histogram " + name + " into " + HISTOGRAMS, e);
        }
    }

    /** A full collection's notification: the heap after it is the live set of that moment. */
    private void collected(Notification n, Object handback) {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        // "end of major GC" is a full collection (G1's full GC, Parallel's and Serial's old collections); young and
        // mixed collections are "end of minor GC", concurrent cycles' pauses have actions of their own
        if (!info.getGcAction().equals("end of major GC")) return;
        fullCollections.incrementAndGet();
        peak.accumulateAndGet(HeapPeak.heap(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
    }

    /** The most the heap held right after a full collection since {@link #sample}, in bytes. */
    public long peakBytes() {
        return peak.get();
    }

    /** How many full collections the peak was taken from (the sampler's and the JVM's own). */
    public long samples() {
        return fullCollections.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
        unsubscribe.forEach(Runnable::run);
    }

    /**
     * Runs {@code work} while no sampler collects: what it allocates (a measurement made during a
     * run, such as a graph walk's bookkeeping) is garbage before the next sample, never counted in
     * a peak. The JVM's own full collections (rare with a heap this size) are not held back.
     */
    public static long betweenSamples(LongSupplier work) {
        synchronized (SAMPLING) {
            return work.getAsLong();
        }
    }

    /** The heap used right after a full collection: the live set now, in bytes. */
    public static long liveBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The retained size of what {@code held} holds, in bytes: the live heap with it, minus the live heap
     * once the reference is cleared (the caller must hold the objects through {@code held} alone).
     */
    public static long retainedBytes(AtomicReference<?> held) {
        long with = liveBytes();
        held.set(null);
        long without = liveBytes();
        return Math.max(0, with - without);
    }

    public static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }
}
