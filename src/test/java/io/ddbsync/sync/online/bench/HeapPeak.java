package io.ddbsync.sync.online.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap a benchmark variant needed, from the JVM's garbage collection notifications: the most
 * the heap held right before a collection (garbage included: the peak, since the heap only grows
 * between collections) and the most it still held right after one (the live data: what the
 * program itself kept). Public for the offline benchmark (io.ddbsync.app.bench).
 */
public final class HeapPeak {
    private final AtomicLong beforeGc = new AtomicLong();
    private final AtomicLong liveAfterGc = new AtomicLong();

    private HeapPeak() {
    }

    public static HeapPeak start() {
        HeapPeak peak = new HeapPeak();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) continue;
            emitter.addNotificationListener((n, handback) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long before = heap(info.getGcInfo().getMemoryUsageBeforeGc());
                long after = heap(info.getGcInfo().getMemoryUsageAfterGc());
                peak.beforeGc.accumulateAndGet(before, Math::max);
                peak.liveAfterGc.accumulateAndGet(after, Math::max);
            }, null, null);
        }
        return peak;
    }

    /** The used bytes of the heap's pools (the map also has metaspace and code cache). */
    static long heap(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = pools.get(pool.getName());
            if (pool.getType() == MemoryType.HEAP && u != null) sum += u.getUsed();
        }
        return sum;
    }

    /** The most the heap held, in MB: before the fullest collection, or now if it holds more. */
    public long peakUsedMb() {
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return Math.max(beforeGc.get(), now) / (1024 * 1024);
    }

    /** The most the heap held right after a collection, in MB (0 when no collection ran). */
    public long peakLiveMb() {
        return liveAfterGc.get() / (1024 * 1024);
    }
}
