package io.mmdt.knn.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The obviously correct twin of {@link KnnIndex}: computes every distance, then sorts the
 * entries by distance with a stable sort, so that ties stay in store order.
 */
final class BruteForceKnn {

    private BruteForceKnn() {
    }

    /** Returns the entries of a store sorted by squared distance to the query, ties in store order. */
    static List<int[]> sortedByDistance(long[] high, long[] low, long queryHigh, long queryLow) {
        List<int[]> all = new ArrayList<>();
        for (int position = 0; position < high.length; position++) {
            int d2 = 0;
            for (int i = 0; i < 16; i++) {
                int d = KnnIndex.mainByte(high[position], low[position], i)
                        - KnnIndex.mainByte(queryHigh, queryLow, i);
                d2 += d * d;
            }
            all.add(new int[] {position, d2});
        }
        all.sort(Comparator.comparingInt(entry -> entry[1]));
        return all;
    }

    /** Returns what {@link KnnIndex#search} must return, found by sorting every distance. */
    static KnnHits search(long[] high, long[] low, long queryHigh, long queryLow, int k,
            int maxSquaredDistance) {
        List<int[]> sorted = sortedByDistance(high, low, queryHigh, queryLow);
        if (sorted.isEmpty()) {
            return KnnHits.EMPTY;
        }
        List<int[]> kept = new ArrayList<>();
        for (int[] entry : sorted) {
            if (kept.size() < k && entry[1] <= maxSquaredDistance) {
                kept.add(entry);
            }
        }
        int[] positions = kept.stream().mapToInt(entry -> entry[0]).toArray();
        int[] distances = kept.stream().mapToInt(entry -> entry[1]).toArray();
        return new KnnHits(sorted.get(0)[0], sorted.get(0)[1], positions, distances);
    }
}
