package io.mmdt.knn.classify;

import io.mmdt.core.MmdtHash;
import java.util.Arrays;

/**
 * Builds the k-d tree of a {@link KnnIndex} top-down, in work linear in the number of
 * entries per tree level. The main bytes are permuted along with the positions, so every
 * pass reads memory in order. One builder builds one index.
 */
final class KnnIndexBuilder {

    private final long[] high;
    private final long[] low;
    private final int[] order;
    private final long[] scratchHigh;
    private final long[] scratchLow;
    private final int[] scratchOrder;
    private final int[] counts = new int[257];
    private final int[] min = new int[MmdtHash.MAIN_BYTES];
    private final int[] max = new int[MmdtHash.MAIN_BYTES];

    private int[] nodeStart;
    private int[] nodeEnd;
    private int[] nodeRight;
    private byte[] boxMin;
    private byte[] boxMax;
    private int nodeCount;
    private int depth;

    KnnIndexBuilder(long[] storeHigh, long[] storeLow) {
        int n = storeHigh.length;
        this.high = storeHigh.clone();
        this.low = storeLow.clone();
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.scratchHigh = new long[n];
        this.scratchLow = new long[n];
        this.scratchOrder = new int[n];
        int capacity = 16;
        nodeStart = new int[capacity];
        nodeEnd = new int[capacity];
        nodeRight = new int[capacity];
        boxMin = new byte[capacity * MmdtHash.MAIN_BYTES];
        boxMax = new byte[capacity * MmdtHash.MAIN_BYTES];
    }

    KnnIndex build() {
        if (order.length > 0) {
            buildNode(0, order.length, 1);
        }
        int bytes = nodeCount * MmdtHash.MAIN_BYTES;
        return new KnnIndex(high, low, order, Arrays.copyOf(nodeStart, nodeCount),
                Arrays.copyOf(nodeEnd, nodeCount), Arrays.copyOf(nodeRight, nodeCount),
                Arrays.copyOf(boxMin, bytes), Arrays.copyOf(boxMax, bytes), depth);
    }

    /**
     * Builds the subtree over entries {@code [start, end)} and returns its node number.
     * Recursion is as deep as the tree, which is at most 16 · 255 levels because each
     * split narrows the range of one byte in both children.
     */
    private int buildNode(int start, int end, int level) {
        int node = newNode(start, end);
        depth = Math.max(depth, level);
        int splitByte = widestByte(node);
        if (end - start <= KnnIndex.MAX_LEAF_SIZE || splitByte < 0) {
            return node;
        }
        int cut = sortAndCut(start, end, splitByte);
        buildNode(start, cut, level + 1);
        // Building the right child may reallocate nodeRight, so read the field afterwards.
        int right = buildNode(cut, end, level + 1);
        nodeRight[node] = right;
        return node;
    }

    private int newNode(int start, int end) {
        if (nodeCount == nodeStart.length) {
            int capacity = nodeCount * 2;
            nodeStart = Arrays.copyOf(nodeStart, capacity);
            nodeEnd = Arrays.copyOf(nodeEnd, capacity);
            nodeRight = Arrays.copyOf(nodeRight, capacity);
            boxMin = Arrays.copyOf(boxMin, capacity * MmdtHash.MAIN_BYTES);
            boxMax = Arrays.copyOf(boxMax, capacity * MmdtHash.MAIN_BYTES);
        }
        int node = nodeCount++;
        nodeStart[node] = start;
        nodeEnd[node] = end;
        nodeRight[node] = -1;
        fillBox(node, start, end);
        return node;
    }

    private void fillBox(int node, int start, int end) {
        Arrays.fill(min, 255);
        Arrays.fill(max, 0);
        for (int j = start; j < end; j++) {
            accumulate(high[j], 0);
            accumulate(low[j], 8);
        }
        int base = node * MmdtHash.MAIN_BYTES;
        for (int i = 0; i < MmdtHash.MAIN_BYTES; i++) {
            boxMin[base + i] = (byte) min[i];
            boxMax[base + i] = (byte) max[i];
        }
    }

    private void accumulate(long word, int firstByte) {
        for (int i = 0; i < 8; i++) {
            int value = (int) (word >>> (56 - 8 * i)) & 0xFF;
            int b = firstByte + i;
            if (value < min[b]) {
                min[b] = value;
            }
            if (value > max[b]) {
                max[b] = value;
            }
        }
    }

    /** Returns the byte with the largest range in the node's box, or -1 if all are equal. */
    private int widestByte(int node) {
        int base = node * MmdtHash.MAIN_BYTES;
        int widest = -1;
        int widestRange = 0;
        for (int i = 0; i < MmdtHash.MAIN_BYTES; i++) {
            int range = (boxMax[base + i] & 0xFF) - (boxMin[base + i] & 0xFF);
            if (range > widestRange) {
                widest = i;
                widestRange = range;
            }
        }
        return widest;
    }

    /**
     * Sorts entries {@code [start, end)} by one main byte with a stable counting sort, and
     * returns the cut between two distinct values that lies nearest the middle. Stability
     * keeps equal entries in store order, which the duplicate-run leaves rely on.
     */
    private int sortAndCut(int start, int end, int splitByte) {
        Arrays.fill(counts, 0);
        for (int j = start; j < end; j++) {
            counts[valueAt(j, splitByte) + 1]++;
        }
        for (int v = 0; v < 256; v++) {
            counts[v + 1] += counts[v];
        }
        // counts[v] is now the number of entries with a value below v.
        int size = end - start;
        int middle = size / 2;
        int cut = -1;
        for (int v = 1; v < 256; v++) {
            int below = counts[v];
            if (below > 0 && below < size
                    && (cut < 0 || Math.abs(below - middle) < Math.abs(cut - middle))) {
                cut = below;
            }
        }
        for (int j = start; j < end; j++) {
            int target = start + counts[valueAt(j, splitByte)]++;
            scratchHigh[target] = high[j];
            scratchLow[target] = low[j];
            scratchOrder[target] = order[j];
        }
        System.arraycopy(scratchHigh, start, high, start, size);
        System.arraycopy(scratchLow, start, low, start, size);
        System.arraycopy(scratchOrder, start, order, start, size);
        return start + cut;
    }

    private int valueAt(int j, int i) {
        return KnnIndex.mainByte(high[j], low[j], i);
    }
}
