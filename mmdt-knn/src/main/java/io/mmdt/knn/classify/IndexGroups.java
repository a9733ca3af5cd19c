package io.mmdt.knn.classify;

import io.mmdt.knn.store.HashStore;
import java.util.Arrays;

/**
 * A hash map from a 4-byte index to the store positions of the entries that have it, in
 * store order. Open addressing over primitive arrays keeps it to about 4 bytes per entry
 * plus 16 per distinct index, with no object per key.
 */
final class IndexGroups {

    private static final int[] NONE = new int[0];

    /** Store positions grouped by index; each group is in store order. */
    private final int[] positions;

    /** The distinct indexes, one per group. */
    private final int[] groupIndex;

    /** Where each group starts in {@code positions}; one more element marks the end. */
    private final int[] groupStart;

    /** Open-addressing table: group number + 1, or 0 for an empty slot. */
    private final int[] table;

    private IndexGroups(int[] positions, int[] groupIndex, int[] groupStart, int[] table) {
        this.positions = positions;
        this.groupIndex = groupIndex;
        this.groupStart = groupStart;
        this.table = table;
    }

    /** Groups the entries of {@code store} by index. */
    static IndexGroups of(HashStore store) {
        int n = store.size();

        // Sorting (index, position) pairs groups equal indexes and keeps store order in each.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) store.index(i) << 32) | i;
        }
        Arrays.sort(keys);
        int[] positions = new int[n];
        int[] groupIndex = new int[n];
        int[] groupStart = new int[n + 1];
        int groups = 0;
        for (int j = 0; j < n; j++) {
            int index = (int) (keys[j] >> 32);
            positions[j] = (int) keys[j];
            if (j == 0 || index != groupIndex[groups - 1]) {
                groupIndex[groups] = index;
                groupStart[groups] = j;
                groups++;
            }
        }
        groupStart[groups] = n;

        int[] table = new int[tableSize(groups)];
        for (int g = 0; g < groups; g++) {
            int slot = slotOf(table, groupIndex[g]);
            table[slot] = g + 1;
        }
        return new IndexGroups(positions, Arrays.copyOf(groupIndex, groups),
                Arrays.copyOf(groupStart, groups + 1), table);
    }

    /** Returns a new array with the positions of the entries with {@code index}, in store order. */
    int[] positionsOf(int index) {
        int found = table[findSlot(index)];
        if (found == 0) {
            return NONE;
        }
        int group = found - 1;
        return Arrays.copyOfRange(positions, groupStart[group], groupStart[group + 1]);
    }

    private int findSlot(int index) {
        int mask = table.length - 1;
        int slot = mix(index) & mask;
        while (table[slot] != 0 && groupIndex[table[slot] - 1] != index) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Returns the free slot for a new key; every key is added once, so no match is possible. */
    private static int slotOf(int[] table, int index) {
        int mask = table.length - 1;
        int slot = mix(index) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Returns a power of two at least twice {@code groups}, so probes stay short. */
    private static int tableSize(int groups) {
        int size = 2;
        while (size < 2 * groups) {
            size <<= 1;
        }
        return size;
    }

    /** Spreads the bits of an index; indexes of similar files differ in few bits. */
    private static int mix(int index) {
        int h = index * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
