package io.mmdt.core;

import java.util.Objects;

/**
 * The similarity of two mmdt hashes as a plain function, for code that keeps hashes as
 * strings or bytes rather than as {@link MmdtHash} values.
 *
 * <p>Similarity is {@code 1 - sqrt(d2) / 1020}, where {@code d2} is the sum over the 16 main
 * bytes of the squared difference; 1020 is {@code sqrt(16 · 255²)}, the largest possible
 * distance, so the result lies in [0, 1]. Only the main part takes part. Published mmdt
 * results count two files as similar when the similarity is strictly above a threshold,
 * 0.95 by default.
 */
public final class MmdtSimilarity {

    /** The largest possible Euclidean distance between two main parts. */
    static final double MAX_DISTANCE = 1020.0;

    private MmdtSimilarity() {
    }

    /**
     * Returns the similarity of two hashes in text form ({@code IIIIIIII:MMMM…}, either case).
     *
     * @throws NullPointerException if either argument is null
     * @throws IllegalArgumentException if either argument is not a valid hash; the message
     *     quotes it
     */
    public static double of(CharSequence a, CharSequence b) {
        return MmdtHash.parse(a).similarity(MmdtHash.parse(b));
    }

    /**
     * Returns the similarity of two hashes given as bytes: either both in the 20-byte binary
     * form (index, then main part) or both as the 16 main bytes alone.
     *
     * @throws NullPointerException if either argument is null
     * @throws IllegalArgumentException if the arrays are not both 16 or both 20 bytes long
     */
    public static double of(byte[] a, byte[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length
                || (a.length != MmdtHash.MAIN_BYTES && a.length != MmdtHash.BINARY_LENGTH)) {
            throw new IllegalArgumentException("expected two arrays of 16 main bytes or two of "
                    + "20 hash bytes, got " + a.length + " and " + b.length + " bytes");
        }
        int start = a.length - MmdtHash.MAIN_BYTES;
        int d2 = 0;
        for (int i = start; i < a.length; i++) {
            int d = (a[i] & 0xFF) - (b[i] & 0xFF);
            d2 += d * d;
        }
        return fromSquaredDistance(d2);
    }

    /**
     * Converts a squared distance between main parts into a similarity.
     *
     * @throws IllegalArgumentException if {@code squaredDistance} is outside 0..1,040,400
     */
    public static double fromSquaredDistance(int squaredDistance) {
        if (squaredDistance < 0 || squaredDistance > 16 * 255 * 255) {
            throw new IllegalArgumentException(
                    "squared distance must be in 0..1040400, got " + squaredDistance);
        }
        return 1.0 - Math.sqrt(squaredDistance) / MAX_DISTANCE;
    }

    /**
     * Returns the largest squared distance whose similarity is strictly above {@code threshold},
     * or -1 if no distance qualifies. Lets a search compare integers instead of doubles while
     * keeping the result identical to {@code fromSquaredDistance(d2) > threshold}.
     */
    public static int maxSquaredDistanceAbove(double threshold) {
        int max = 16 * 255 * 255;
        // sqrt is monotone, so similarity falls as d2 rises: binary search the boundary.
        int lo = -1;
        int hi = max + 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (fromSquaredDistance(mid) > threshold) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
