package io.mmdt.knn.classify;

import io.mmdt.core.MmdtSimilarity;

/** Checks and converts the options that both classifiers take. */
final class ClassifierOptions {

    private ClassifierOptions() {
    }

    /**
     * Returns {@code k} if it is at least 1.
     *
     * @throws IllegalArgumentException otherwise; the message quotes the value
     */
    static int checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        return k;
    }

    /**
     * Returns {@code threshold} if it lies in [0, 1].
     *
     * @throws IllegalArgumentException otherwise, or if it is NaN; the message quotes the value
     */
    static double checkThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        return threshold;
    }

    /**
     * Returns the largest squared distance whose similarity is strictly above the threshold,
     * or -1 if none is; comparing integers against it gives exactly {@code similarity > threshold}.
     */
    static int maxSquaredDistance(double threshold) {
        return MmdtSimilarity.maxSquaredDistanceAbove(threshold);
    }
}
