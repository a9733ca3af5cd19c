package io.mmdt.knn.classify;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.store.HashStore;
import java.util.Arrays;
import java.util.Objects;

/**
 * The simple classifier: only stored entries whose 4-byte index equals the query's index
 * are candidates.
 *
 * <p>For a query it returns:
 * <ul>
 *   <li>{@code similars}: the at most {@code k} candidates whose similarity is strictly above
 *       the threshold, most similar first; candidates at equal similarity come in store
 *       order;
 *   <li>{@code label}: the label of the first of {@code similars}, or
 *       {@link Classification#UNKNOWN} when none passed;
 *   <li>{@code nearest}: the most similar candidate at any similarity, empty when no entry
 *       shares the index;
 *   <li>{@code labels}: each label's share of {@code similars}.
 * </ul>
 *
 * <p>Difference from python_mmdt 0.3.1: the original walks the candidates in store order
 * and stops after about ten that pass the threshold, so it may miss more similar candidates
 * stored later. This classifier ranks all candidates by similarity before keeping {@code k},
 * so it always returns the most similar ones.
 *
 * <p>The classifier reads a {@linkplain HashStore#snapshot() snapshot} of the store taken
 * when it is built. Instances are immutable and thread-safe.
 */
public final class SimpleClassifier implements Classifier {

    private final HashStore store;
    private final IndexGroups groups;
    private final int k;
    private final double threshold;
    private final int maxSquaredDistance;

    private SimpleClassifier(HashStore store, int k, double threshold) {
        this.store = store;
        this.k = k;
        this.threshold = threshold;
        this.maxSquaredDistance = ClassifierOptions.maxSquaredDistance(threshold);
        this.groups = IndexGroups.of(store);
    }

    /**
     * Returns a classifier over {@code store} with the default options, k = 10 and threshold
     * 0.95.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public static SimpleClassifier of(HashStore store) {
        return builder(store).build();
    }

    /**
     * Returns a builder for a classifier over {@code store}.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(HashStore store) {
        return new Builder(store);
    }

    @Override
    public Classification classify(MmdtHash query) {
        Objects.requireNonNull(query, "query");
        int[] candidates = groups.positionsOf(query.index());
        if (candidates.length == 0) {
            return Classifications.of(store, Classification.UNKNOWN, -1, -1, new int[0], new int[0]);
        }

        // Candidates are in store order, so sorting (distance, position) keys ranks them by
        // similarity and keeps ties in store order.
        long queryHigh = KnnIndex.mainHigh(query);
        long queryLow = KnnIndex.mainLow(query);
        long[] keys = new long[candidates.length];
        int kept = 0;
        long nearest = Long.MAX_VALUE;
        for (int position : candidates) {
            int d2 = KnnIndex.squaredDistance(store.mainHigh(position), queryHigh)
                    + KnnIndex.squaredDistance(store.mainLow(position), queryLow);
            long key = ((long) d2 << 32) | position;
            nearest = Math.min(nearest, key);
            if ((int) (key >>> 32) <= maxSquaredDistance) {
                keys[kept++] = key;
            }
        }
        Arrays.sort(keys, 0, kept);
        int count = Math.min(k, kept);
        int[] positions = new int[count];
        int[] distances = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = (int) keys[i];
            distances[i] = (int) (keys[i] >>> 32);
        }
        String label = count == 0 ? Classification.UNKNOWN : store.label(positions[0]);
        return Classifications.of(store, label, (int) nearest, (int) (nearest >>> 32), positions, distances);
    }

    /** Returns the largest number of neighbours returned. */
    public int k() {
        return k;
    }

    /** Returns the similarity threshold; a neighbour must be strictly above it. */
    public double threshold() {
        return threshold;
    }

    /** Returns the store snapshot this classifier searches. */
    public HashStore store() {
        return store;
    }

    /** Options for a {@link SimpleClassifier}: k (default 10) and the threshold (default 0.95). */
    public static final class Builder {

        private final HashStore store;
        private int k = KnnClassifier.DEFAULT_K;
        private double threshold = KnnClassifier.DEFAULT_THRESHOLD;

        private Builder(HashStore store) {
            this.store = Objects.requireNonNull(store, "store").snapshot();
        }

        /**
         * Sets the largest number of neighbours returned.
         *
         * @throws IllegalArgumentException if {@code k} is below 1
         */
        public Builder k(int k) {
            this.k = ClassifierOptions.checkK(k);
            return this;
        }

        /**
         * Sets the similarity threshold; a neighbour must be strictly above it.
         *
         * @throws IllegalArgumentException if {@code threshold} is not in [0, 1]
         */
        public Builder threshold(double threshold) {
            this.threshold = ClassifierOptions.checkThreshold(threshold);
            return this;
        }

        /** Groups the store by index and returns the classifier. */
        public SimpleClassifier build() {
            return new SimpleClassifier(store, k, threshold);
        }
    }
}
