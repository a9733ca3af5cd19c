package io.mmdt.core;

/**
 * The inner loops of the resampler, written so that HotSpot's C2 compiler turns them into
 * SIMD instructions: every array in a loop is read or written at the loop index itself,
 * never at an offset from it, because any offset stops the JDK 17 auto-vectoriser. Loops
 * that cover part of an array ({@link #dot}) move the index's range instead.
 *
 * <p>The {@code add} methods add weighted columns into {@code sums}:
 * {@code sums[r] += Σ column[r] · w}. The "pair" variants take two mirrored columns that
 * share a weight and add them before the multiplication, which halves the multiplications
 * of a symmetric window. All arithmetic is 32-bit int, as in the reference. The sums cannot
 * overflow because pixels are 0..255 and the absolute weights of a window add up to less
 * than 2^23.
 */
final class SimdLoops {

    private SimdLoops() {
    }

    static void addFour(int[] sums, int[] c0, int w0, int[] c1, int w1, int[] c2, int w2, int[] c3, int w3, int n) {
        for (int r = 0; r < n; r++) {
            sums[r] += c0[r] * w0 + c1[r] * w1 + c2[r] * w2 + c3[r] * w3;
        }
    }

    static void addOne(int[] sums, int[] c0, int w0, int n) {
        for (int r = 0; r < n; r++) {
            sums[r] += c0[r] * w0;
        }
    }

    /** Two pairs at a time, for the pairs left over by {@link #addThreePairs}. */
    static void addTwoPairs(int[] sums, int[] a0, int[] b0, int w0, int[] a1, int[] b1, int w1, int n) {
        for (int r = 0; r < n; r++) {
            sums[r] += (a0[r] + b0[r]) * w0 + (a1[r] + b1[r]) * w1;
        }
    }

    /**
     * Three pairs at a time: seven arrays in one loop still vectorise on JDK 17 and cut the
     * loads and stores of {@code sums}; with nine arrays the vectoriser gives up.
     */
    static void addThreePairs(int[] sums, int[] a0, int[] b0, int w0, int[] a1, int[] b1, int w1,
            int[] a2, int[] b2, int w2, int n) {
        for (int r = 0; r < n; r++) {
            sums[r] += (a0[r] + b0[r]) * w0 + (a1[r] + b1[r]) * w1 + (a2[r] + b2[r]) * w2;
        }
    }

    static void addPair(int[] sums, int[] a0, int[] b0, int w0, int n) {
        for (int r = 0; r < n; r++) {
            sums[r] += (a0[r] + b0[r]) * w0;
        }
    }

    /**
     * Splits each int of {@code words} into its four bytes, lowest first: the little-endian
     * reading of four consecutive pixels.
     */
    static void splitBytes(int[] words, int[] b0, int[] b1, int[] b2, int[] b3, int n) {
        for (int r = 0; r < n; r++) {
            int word = words[r];
            b0[r] = word & 0xFF;
            b1[r] = (word >>> 8) & 0xFF;
            b2[r] = (word >>> 16) & 0xFF;
            b3[r] = word >>> 24;
        }
    }

    /** Returns {@code Σ a[r] · b[r]} over {@code from <= r < to}, in 32-bit int arithmetic. */
    static int dot(int[] a, int[] b, int from, int to) {
        int sum = 0;
        for (int r = from; r < to; r++) {
            sum += a[r] * b[r];
        }
        return sum;
    }
}
