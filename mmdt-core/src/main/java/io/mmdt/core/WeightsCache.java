package io.mmdt.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small least-recently-used cache of {@link AxisWeights}, because computing them takes
 * millions of sine evaluations for large inputs and the weights depend only on the two
 * sizes. The cache is bounded by the number of ints its entries hold, so that hashing stays
 * within a small, fixed heap.
 */
final class WeightsCache {

    /** About 24 MiB of weights at most. */
    private static final long MAX_CACHED_INTS = 6L << 20;

    private static final WeightsCache SHARED = new WeightsCache();

    private final Map<Long, AxisWeights> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedInts;

    private WeightsCache() {
    }

    /** Returns the weights for resampling {@code inSize} pixels to {@code outSize}. */
    static AxisWeights get(int inSize, int outSize) {
        return SHARED.lookup(inSize, outSize);
    }

    private AxisWeights lookup(int inSize, int outSize) {
        Long key = ((long) inSize << 32) | outSize;
        synchronized (this) {
            AxisWeights cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }

        // Computed outside the lock; two threads may compute the same weights once each.
        AxisWeights computed = AxisWeights.compute(inSize, outSize);
        synchronized (this) {
            AxisWeights previous = entries.put(key, computed);
            if (previous != null) {
                cachedInts -= previous.footprintInts();
            }
            cachedInts += computed.footprintInts();
            var oldest = entries.entrySet().iterator();
            while (cachedInts > MAX_CACHED_INTS && entries.size() > 1) {
                AxisWeights evicted = oldest.next().getValue();
                oldest.remove();
                cachedInts -= evicted.footprintInts();
            }
        }
        return computed;
    }
}
