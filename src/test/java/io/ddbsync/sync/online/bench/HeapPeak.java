package io.ddbsync.sync.online.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap a benchmark variant needed, from the JVM's own counters: the peak usage of every heap
 * pool (garbage included: what the heap had to hold at some point), and the peak of what was still
 * in use right after a collection (the live data: what the program itself kept).
 */
final class HeapPeak {
    private final AtomicLong liveAfterGc = new AtomicLong();

    private HeapPeak() {
    }

    static HeapPeak start() {
        HeapPeak peak = new HeapPeak();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) continue;
            emitter.addNotificationListener((n, handback) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                peak.liveAfterGc.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        return peak;
    }

    /** Sum of the heap pools' peak usage, in MB. */
    long peakUsedMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum / (1024 * 1024);
    }

    /** The most the heap held right after a collection, in MB (0 when no collection ran). */
    long peakLiveMb() {
        return liveAfterGc.get() / (1024 * 1024);
    }
}
