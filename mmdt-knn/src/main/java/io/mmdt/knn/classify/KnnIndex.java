package io.mmdt.knn.classify;

import io.mmdt.core.MmdtHash;
import java.util.Arrays;

/**
 * An exact nearest-neighbour index over the 16 main bytes of the entries of a store: a k-d
 * tree whose nodes carry tight per-byte bounding boxes.
 *
 * <p>Entries are identified by their position in the store. A search returns the single
 * nearest entry and the {@code k} nearest entries within a squared-distance bound, both
 * ordered by squared Euclidean distance and then by store position, so the result equals a
 * stable sort of all distances. Distances are integers, so the result is exact.
 *
 * <p>How it prunes: the squared distance from the query to a node's bounding box is a
 * lower bound on the squared distance to every entry in the node, so a node whose bound
 * exceeds the current k-th best distance (or the radius) cannot contribute and is skipped.
 * Splits fall between distinct byte values, so sibling boxes never overlap on the split
 * byte. A node whose entries are all equal is never split, which collapses runs of exact
 * duplicates into one leaf whose distance is known without reading its entries.
 *
 * <p>Memory: 16 bytes per entry for the main bytes in tree order, 4 for the store position,
 * and 44 bytes per node. A tree has about one node per 18 to 30 entries, so the index takes
 * about 21.5 to 22.5 bytes per entry. Instances are immutable and thread-safe, and each
 * search allocates only a few small arrays.
 */
final class KnnIndex {

    /**
     * Maximum number of entries in a leaf that is not a run of duplicates. 64 has half the
     * nodes of 32 at the same query times in KnnBench, while 128 made fresh queries on a
     * clustered store 1.5 times slower.
     */
    static final int MAX_LEAF_SIZE = 64;

    // Limitation: the index costs about 22.5 bytes per entry on top of the store, 20 of them
    // for this copy of the main bytes and the positions, so store and index together take
    // about 66.5 bytes per entry. Reading the main bytes from the store instead saves 16 bytes,
    // but leaf scans then read the store at random and clustered queries in KnnBench were
    // three times slower. Reading only bytes 8..15 from the store, for entries that bytes
    // 0..7 do not rule out, saves 8 bytes but made them twice as slow.

    /** Main bytes 0..7 of each entry, in tree order, byte 0 most significant. */
    private final long[] high;

    /** Main bytes 8..15 of each entry, in tree order. */
    private final long[] low;

    /** The store position of each entry, in tree order. */
    private final int[] positions;

    /** First entry (in tree order) of each node; nodes are numbered in preorder. */
    private final int[] nodeStart;

    /** One past the last entry of each node. */
    private final int[] nodeEnd;

    /** The right child of each internal node, or -1 for a leaf; the left child is node + 1. */
    private final int[] nodeRight;

    /** Per node, the 16 smallest byte values of its entries, one per main byte. */
    private final byte[] boxMin;

    /** Per node, the 16 largest byte values of its entries. */
    private final byte[] boxMax;

    /** Number of nodes on the longest root-to-leaf path, which sizes the search stack. */
    private final int depth;

    KnnIndex(long[] high, long[] low, int[] positions, int[] nodeStart, int[] nodeEnd,
            int[] nodeRight, byte[] boxMin, byte[] boxMax, int depth) {
        this.high = high;
        this.low = low;
        this.positions = positions;
        this.nodeStart = nodeStart;
        this.nodeEnd = nodeEnd;
        this.nodeRight = nodeRight;
        this.boxMin = boxMin;
        this.boxMax = boxMax;
        this.depth = depth;
    }

    /**
     * Builds the index over entries given in store order as their main bytes 0..7 and
     * 8..15 packed into longs, byte 0 most significant. The arrays are not kept.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    static KnnIndex build(long[] high, long[] low) {
        if (high.length != low.length) {
            throw new IllegalArgumentException(
                    "expected as many high as low words, got " + high.length + " and " + low.length);
        }
        return new KnnIndexBuilder(high, low).build();
    }

    /** Returns the number of entries. */
    int size() {
        return positions.length;
    }

    /** Returns the number of tree nodes, for memory accounting. */
    int nodeCount() {
        return nodeStart.length;
    }

    /**
     * Finds the nearest entry to a query and its {@code k} nearest entries whose squared
     * distance is at most {@code maxSquaredDistance}.
     *
     * @param queryHigh main bytes 0..7 of the query
     * @param queryLow main bytes 8..15 of the query
     * @param k the largest number of neighbours to return, at least 1
     * @param maxSquaredDistance the largest squared distance a neighbour may have; -1 for none
     */
    KnnHits search(long queryHigh, long queryLow, int k, int maxSquaredDistance) {
        if (positions.length == 0) {
            return KnnHits.EMPTY;
        }
        return new Search(queryHigh, queryLow, k, maxSquaredDistance).run();
    }

    /** Returns the squared distance between two packed groups of 8 main bytes. */
    static int squaredDistance(long a, long b) {
        int sum = 0;
        for (int shift = 0; shift < 64; shift += 8) {
            int d = (int) ((a >>> shift) & 0xFF) - (int) ((b >>> shift) & 0xFF);
            sum += d * d;
        }
        return sum;
    }

    /** Returns main bytes 0..7 of {@code hash} packed into a long, byte 0 most significant. */
    static long mainHigh(MmdtHash hash) {
        long word = 0;
        for (int i = 0; i < 8; i++) {
            word = (word << 8) | hash.mainByte(i);
        }
        return word;
    }

    /** Returns main bytes 8..15 of {@code hash} packed into a long, byte 8 most significant. */
    static long mainLow(MmdtHash hash) {
        long word = 0;
        for (int i = 8; i < 16; i++) {
            word = (word << 8) | hash.mainByte(i);
        }
        return word;
    }

    /** Returns byte {@code i} (0..15) of an entry whose main part is {@code high}, {@code low}. */
    static int mainByte(long high, long low, int i) {
        long word = i < 8 ? high : low;
        return (int) (word >>> (56 - 8 * (i & 7))) & 0xFF;
    }

    /**
     * The state of one search. Candidates are ranked by a key that packs the squared
     * distance into the high 32 bits and the store position into the low 32 bits, so one
     * {@code long} comparison orders by distance and then by store order.
     */
    private final class Search {

        private final long queryHigh;
        private final long queryLow;
        private final int[] query = new int[MmdtHash.MAIN_BYTES];
        private final int k;
        private final int maxSquaredDistance;

        /** A max-heap of the keys of the best neighbours within the radius found so far. */
        private final long[] heap;
        private int heapSize;

        /** The key of the nearest entry seen so far, at any distance. */
        private long nearest = Long.MAX_VALUE;

        Search(long queryHigh, long queryLow, int k, int maxSquaredDistance) {
            this.queryHigh = queryHigh;
            this.queryLow = queryLow;
            for (int i = 0; i < MmdtHash.MAIN_BYTES; i++) {
                query[i] = mainByte(queryHigh, queryLow, i);
            }
            this.k = k;
            this.maxSquaredDistance = maxSquaredDistance;
            // No search returns more entries than the index holds, so a huge k costs nothing.
            this.heap = new long[Math.max(1, Math.min(k, size()))];
        }

        KnnHits run() {
            // Depth-first, nearer child first; each level pushes at most two nodes and pops one.
            int[] stackNode = new int[depth + 2];
            int[] stackBound = new int[depth + 2];
            int top = 0;
            stackNode[0] = 0;
            stackBound[0] = boxDistance(0);
            top = 1;
            while (top > 0) {
                top--;
                int node = stackNode[top];
                if (stackBound[top] > bound()) {
                    continue;
                }
                int right = nodeRight[node];
                if (right < 0) {
                    scanLeaf(node, stackBound[top]);
                    continue;
                }
                int left = node + 1;
                int leftBound = boxDistance(left);
                int rightBound = boxDistance(right);
                int near = leftBound <= rightBound ? left : right;
                int far = near == left ? right : left;
                int nearBound = Math.min(leftBound, rightBound);
                int farBound = Math.max(leftBound, rightBound);
                int limit = bound();
                if (farBound <= limit) {
                    stackNode[top] = far;
                    stackBound[top] = farBound;
                    top++;
                }
                if (nearBound <= limit) {
                    stackNode[top] = near;
                    stackBound[top] = nearBound;
                    top++;
                }
            }
            return hits();
        }

        /**
         * Returns the largest squared distance a candidate may have and still change the
         * result. Ties with it still count, because an entry at that distance with an earlier
         * store position ranks higher.
         */
        private int bound() {
            if (heapSize == k) {
                return (int) (heap[0] >>> 32);
            }
            // Below the radius every entry may still join the neighbours; beyond it, only an
            // entry at most as far as the nearest so far matters.
            return Math.max((int) (nearest >>> 32), maxSquaredDistance);
        }

        private void scanLeaf(int node, int boxBound) {
            int start = nodeStart[node];
            int end = nodeEnd[node];
            if (high[start] == high[end - 1] && low[start] == low[end - 1] && isPoint(node)) {
                // A run of duplicates in store order: every entry is at the box distance.
                for (int j = start; j < end; j++) {
                    if (!offer(boxBound, positions[j])) {
                        break;
                    }
                }
                return;
            }
            long lastHigh = ~high[start];
            long lastLow = 0;
            int lastDistance = 0;
            for (int j = start; j < end; j++) {
                long h = high[j];
                long l = low[j];
                int d2;
                if (h == lastHigh && l == lastLow) {
                    // An exact duplicate of the previous entry: reuse its distance.
                    d2 = lastDistance;
                } else {
                    d2 = squaredDistance(h, queryHigh);
                    int limit = bound();
                    if (d2 <= limit) {
                        d2 += squaredDistance(l, queryLow);
                    }
                    lastHigh = h;
                    lastLow = l;
                    // A distance cut short is above a bound that only falls, so it stays out.
                    lastDistance = d2 <= limit ? d2 : Integer.MAX_VALUE;
                    d2 = lastDistance;
                }
                if (d2 != Integer.MAX_VALUE) {
                    offer(d2, positions[j]);
                }
            }
        }

        /**
         * Offers one candidate; returns whether it was kept, as the nearest entry or as a
         * neighbour. A candidate that is not kept means that later candidates at the same
         * distance with larger positions will not be kept either.
         */
        private boolean offer(int d2, int position) {
            long key = ((long) d2 << 32) | position;
            boolean kept = false;
            if (key < nearest) {
                nearest = key;
                kept = true;
            }
            if (d2 <= maxSquaredDistance) {
                if (heapSize < k) {
                    heap[heapSize] = key;
                    siftUp(heapSize);
                    heapSize++;
                    kept = true;
                } else if (key < heap[0]) {
                    heap[0] = key;
                    siftDown();
                    kept = true;
                }
            }
            return kept;
        }

        private void siftUp(int i) {
            long key = heap[i];
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] >= key) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = key;
        }

        private void siftDown() {
            long key = heap[0];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= heapSize) {
                    break;
                }
                if (child + 1 < heapSize && heap[child + 1] > heap[child]) {
                    child++;
                }
                if (heap[child] <= key) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = key;
        }

        /** Returns the squared distance from the query to the bounding box of a node. */
        private int boxDistance(int node) {
            int base = node * MmdtHash.MAIN_BYTES;
            int sum = 0;
            for (int i = 0; i < MmdtHash.MAIN_BYTES; i++) {
                int q = query[i];
                int min = boxMin[base + i] & 0xFF;
                int max = boxMax[base + i] & 0xFF;
                int d = 0;
                if (q < min) {
                    d = min - q;
                } else if (q > max) {
                    d = q - max;
                }
                sum += d * d;
            }
            return sum;
        }

        private KnnHits hits() {
            long[] neighbours = Arrays.copyOf(heap, heapSize);
            Arrays.sort(neighbours);
            int[] neighbourPositions = new int[heapSize];
            int[] neighbourDistances = new int[heapSize];
            for (int i = 0; i < heapSize; i++) {
                neighbourPositions[i] = (int) neighbours[i];
                neighbourDistances[i] = (int) (neighbours[i] >>> 32);
            }
            return new KnnHits((int) nearest, (int) (nearest >>> 32), neighbourPositions,
                    neighbourDistances);
        }
    }

    private boolean isPoint(int node) {
        int base = node * MmdtHash.MAIN_BYTES;
        for (int i = 0; i < MmdtHash.MAIN_BYTES; i++) {
            if (boxMin[base + i] != boxMax[base + i]) {
                return false;
            }
        }
        return true;
    }
}
