package io.mmdt.knn.classify;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.store.HashStore;
import java.util.Objects;

/**
 * The exact k-nearest-neighbour classifier: every stored entry is a candidate, ranked by
 * the squared Euclidean distance between the 16 main bytes, which is the order of
 * decreasing similarity.
 *
 * <p>For a query it returns:
 * <ul>
 *   <li>{@code similars}: the at most {@code k} nearest entries whose similarity is strictly
 *       above the threshold, most similar first; entries at equal distance come in store
 *       order;
 *   <li>{@code nearest}: the single nearest entry, at any similarity;
 *   <li>{@code label}: the label of {@code nearest}, even when it is not above the threshold,
 *       as python_mmdt 0.3.1 does; {@link Classification#UNKNOWN} for an empty store;
 *   <li>{@code labels}: each label's share of {@code similars}.
 * </ul>
 *
 * <p>The result is exactly that of computing every distance and stable-sorting, but the
 * search uses a k-d tree with per-byte bounding boxes, so it reads only the part of the
 * store that can still matter. Distances are compared as integers, so the threshold test is
 * exact. {@code KnnBench} in {@code mmdt-bench} measures it against a brute-force scan.
 *
 * <pre>{@code
 * Classifier classifier = KnnClassifier.builder(store).k(10).threshold(0.95).build();
 * Classification result = classifier.classify(MmdtHash.parse("07122B59:7212890402200212DA032EC310AFEF8A"));
 * }</pre>
 *
 * <p>The classifier reads a {@linkplain HashStore#snapshot() snapshot} of the store taken
 * when it is built; later appends do not show. Instances are immutable and thread-safe.
 * Building indexes the store in time proportional to {@code n log n} and adds about 25
 * bytes per entry.
 */
public final class KnnClassifier implements Classifier {

    /** The default number of neighbours returned. */
    public static final int DEFAULT_K = 10;

    /** The default similarity threshold; a neighbour must be strictly above it. */
    public static final double DEFAULT_THRESHOLD = 0.95;

    private final HashStore store;
    private final KnnIndex index;
    private final int k;
    private final double threshold;
    private final int maxSquaredDistance;

    private KnnClassifier(HashStore store, int k, double threshold) {
        this.store = store;
        this.k = k;
        this.threshold = threshold;
        this.maxSquaredDistance = ClassifierOptions.maxSquaredDistance(threshold);
        int n = store.size();
        long[] high = new long[n];
        long[] low = new long[n];
        for (int i = 0; i < n; i++) {
            high[i] = store.mainHigh(i);
            low[i] = store.mainLow(i);
        }
        this.index = KnnIndex.build(high, low);
    }

    /**
     * Returns a classifier over {@code store} with the default options, k = 10 and threshold
     * 0.95.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public static KnnClassifier of(HashStore store) {
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
        KnnHits hits = index.search(
                KnnIndex.mainHigh(query), KnnIndex.mainLow(query), k, maxSquaredDistance);
        String label = hits.nearestPosition() < 0
                ? Classification.UNKNOWN
                : store.label(hits.nearestPosition());
        return Classifications.of(store, label, hits.nearestPosition(), hits.nearestDistance(),
                hits.positions(), hits.distances());
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

    /** Options for a {@link KnnClassifier}: k (default 10) and the threshold (default 0.95). */
    public static final class Builder {

        private final HashStore store;
        private int k = DEFAULT_K;
        private double threshold = DEFAULT_THRESHOLD;

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

        /** Indexes the store and returns the classifier. */
        public KnnClassifier build() {
            return new KnnClassifier(store, k, threshold);
        }
    }
}
