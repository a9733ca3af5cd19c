package io.mmdt.knn.store;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Operations that derive one store from others: filtering by spread, removing duplicates,
 * merging and counting labels. Each reads one consistent snapshot of its inputs and returns
 * a new store; the inputs are never changed.
 */
public final class StoreMaintenance {

    /** The spread threshold python_mmdt 0.3.1 uses: a hash is kept only if its spread is above it. */
    public static final double DEFAULT_MIN_SPREAD = 10.0;

    private StoreMaintenance() {
    }

    /**
     * Returns the entries whose hash has a {@linkplain io.mmdt.core.MmdtHash#spread() spread}
     * strictly above {@code minSpread}, in their order. Strict, like python_mmdt: with the
     * default 10.0 a spread of exactly 10.0 is dropped.
     *
     * @throws IllegalArgumentException if {@code minSpread} is NaN
     */
    public static HashStore filterBySpread(HashStore store, double minSpread) {
        Objects.requireNonNull(store, "store");
        if (Double.isNaN(minSpread)) {
            throw new IllegalArgumentException("invalid minimum spread: NaN");
        }
        HashStore source = store.snapshot();
        HashStore out = new HashStore(source.size());
        for (int i = 0; i < source.size(); i++) {
            if (source.hash(i).spread() > minSpread) {
                out.append(source.entry(i));
            }
        }
        return out;
    }

    /**
     * Returns the store without exact duplicates: of the entries with equal hash, label and
     * sample id, only the first stays. Order is otherwise kept.
     */
    public static HashStore removeDuplicates(HashStore store) {
        Objects.requireNonNull(store, "store");
        HashStore source = store.snapshot();
        Set<EntryKey> seen = new HashSet<>(Math.max(16, source.size() * 2));
        HashStore out = new HashStore(source.size());
        for (int i = 0; i < source.size(); i++) {
            EntryKey key = new EntryKey(source.index(i), source.mainHigh(i), source.mainLow(i),
                    source.labelId(i), source.sampleId(i));
            if (seen.add(key)) {
                out.append(source.entry(i));
            }
        }
        return out;
    }

    /** Returns a store with the entries of {@code stores}, one store after the other, each in its order. */
    public static HashStore merge(List<HashStore> stores) {
        Objects.requireNonNull(stores, "stores");
        long total = 0;
        for (HashStore store : stores) {
            total += Objects.requireNonNull(store, "store").size();
        }
        HashStore out = new HashStore((int) Math.min(total, Integer.MAX_VALUE - 8));
        for (HashStore store : stores) {
            out.appendAll(store);
        }
        return out;
    }

    /** Returns a store with the entries of {@code stores}, one store after the other. */
    public static HashStore merge(HashStore... stores) {
        return merge(Arrays.asList(stores));
    }

    /**
     * Returns the number of entries per label, in order of decreasing count; labels with equal
     * counts are in alphabetical order. The map iterates in that order.
     */
    public static Map<String, Integer> labelCounts(HashStore store) {
        Objects.requireNonNull(store, "store");
        HashStore source = store.snapshot();
        int[] counts = new int[source.labelCount()];
        for (int i = 0; i < source.size(); i++) {
            counts[source.labelId(i)]++;
        }

        Integer[] ids = new Integer[counts.length];
        for (int id = 0; id < ids.length; id++) {
            ids[id] = id;
        }
        Arrays.sort(ids, Comparator.<Integer>comparingInt(id -> -counts[id])
                .thenComparing(source::labelOf));

        Map<String, Integer> out = new LinkedHashMap<>();
        for (int id : ids) {
            out.put(source.labelOf(id), counts[id]);
        }
        return out;
    }

    /** The fields that make two entries of one store exact duplicates; the label is compared by id. */
    private record EntryKey(int index, long mainHigh, long mainLow, int labelId, String sampleId) {
    }
}
