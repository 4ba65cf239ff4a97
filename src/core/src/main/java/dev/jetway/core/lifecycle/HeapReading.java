package dev.jetway.core.lifecycle;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * How full the heap is: what was still in use right after the last garbage collection (live data,
 * not garbage waiting to be collected) against the most the heap may grow to. Reading it costs a
 * few MXBean calls and never triggers a collection.
 *
 * @param usedAfterLastGcBytes heap in use after the last collection, summed over the heap pools
 *     (0 before the first collection)
 * @param maxBytes the most the heap may grow to, or -1 when the JVM sets no maximum
 */
public record HeapReading(long usedAfterLastGcBytes, long maxBytes) {

    public HeapReading {
        if (usedAfterLastGcBytes < 0) throw new IllegalArgumentException("usedAfterLastGcBytes must be >= 0");
        if (maxBytes < -1) throw new IllegalArgumentException("maxBytes must be >= 0, or -1 for no maximum");
    }

    /** The heap pools are fixed for the life of the JVM: looked up once, on first use. */
    private static final class Pools {
        static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    /** This JVM's heap now. */
    public static HeapReading ofThisJvm() {
        long used = 0;
        for (MemoryPoolMXBean pool : Pools.HEAP) {
            MemoryUsage afterGc = pool.getCollectionUsage(); // null for a pool no collector manages
            if (afterGc != null) used += afterGc.getUsed();
        }
        return new HeapReading(used, Math.max(-1, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()));
    }

    /** Used after the last collection as a percentage of the maximum; 0 when there is no maximum. */
    public double usedPercent() {
        return maxBytes <= 0 ? 0 : 100.0 * usedAfterLastGcBytes / maxBytes;
    }

    /** E.g. "412 MiB of 512 MiB (80 %)". */
    public String describe() {
        if (maxBytes <= 0) return mebibytes(usedAfterLastGcBytes) + " (no maximum heap size)";
        return mebibytes(usedAfterLastGcBytes) + " of " + mebibytes(maxBytes) + " (" + Math.round(usedPercent()) + " %)";
    }

    private static String mebibytes(long bytes) {
        return (bytes / (1024 * 1024)) + " MiB";
    }
}
