package io.ddbsync.sync.online;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/**
 * Whether a block's column arrays are "humongous" objects for this JVM's garbage collector. The
 * Java API decodes a block of n rows into one array per column, 8 × n bytes for a LONG, DOUBLE or
 * TIMESTAMP column. G1 (the JVM's default collector) allocates an array of more than half a heap
 * region as a humongous object: straight into the old generation, in regions of its own, each such
 * allocation a reason to start a marking cycle. G1 picks 1 MB regions for heaps under 4 GB, so a
 * block of 65,536 rows has humongous columns there; measured in the online sync benchmark, that made
 * G1 collect 144 times in five runs and cost the runner about a quarter of its CPU, gone with
 * {@code -XX:G1HeapRegionSize=4m}. A run says so once per job, with what to change.
 */
final class HumongousBlocks {
    /** The widest fixed-size value most tables have (LONG, DOUBLE, TIMESTAMP, NANOTIMESTAMP). */
    private static final int VALUE_BYTES = 8;
    /** An array's header, which counts towards its size. */
    private static final int ARRAY_HEADER = 16;
    /** The largest region G1 takes in Java 17. */
    private static final long MAX_REGION = 32L << 20;

    private HumongousBlocks() {
    }

    /** What to change, when blocks of fetchSize rows have humongous columns under this JVM's G1; null otherwise. */
    static String advice(int fetchSize) {
        return advice(fetchSize, g1RegionBytes());
    }

    /** The same for a given G1 region size (0: not G1). */
    static String advice(int fetchSize, long region) {
        if (region <= 0) return null;
        long arrayBytes = (long) fetchSize * VALUE_BYTES + ARRAY_HEADER;
        // humongous: more than half a region
        if (arrayBytes <= region / 2) return null;
        // the smallest region (a power of two) whose half holds the array
        long needed = Long.highestOneBit(arrayBytes * 2 - 1) << 1;
        String fix = needed <= MAX_REGION ? "start the runner with -XX:G1HeapRegionSize=" + needed / (1024 * 1024) + "m, or " : "";
        return "blocks of " + fetchSize + " rows decode into " + arrayBytes / 1024 + " KB arrays per 8-byte column, which G1 allocates as "
                + "humongous objects in this JVM's " + region / (1024 * 1024) + " MB heap regions, at a cost in CPU (docs/deployment.md, "
                + "\"The runner's JVM\"): " + fix + "lower fetchSize to " + (region / 2 - ARRAY_HEADER) / VALUE_BYTES + " or fewer";
    }

    /** The G1 region size in bytes, or 0 when the JVM does not use G1 (or does not say). */
    private static long g1RegionBytes() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotSpot == null || !Boolean.parseBoolean(hotSpot.getVMOption("UseG1GC").getValue())) return 0;
            return Long.parseLong(hotSpot.getVMOption("G1HeapRegionSize").getValue());
        } catch (RuntimeException e) {
            // not a HotSpot JVM: nothing to advise
            return 0;
        }
    }
}
