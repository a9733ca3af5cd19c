package io.mmdt.core;

/**
 * Folds the two resampled images into the hash bytes, as python_mmdt 0.3.1 does.
 *
 * <p>Each output byte summarises a run of {@code length} consecutive pixels (a "vector"): the
 * sum over the run of {@code |p·W[j] ∓ B[j]|}, shifted right and cut to 8 bits. Where
 * {@code B[j]} is 1 the sign alternates, driven by one counter that runs across the whole
 * image and is not reset between vectors. The tables are constants of the reference.
 */
final class HashFolder {

    private static final byte[] B64 = {
            0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0,
            0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1,
    };

    private static final byte[] W64 = {
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1,
            2, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1,
    };

    private static final byte[] B256 = {
            0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0,
            0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1,
            0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0,
            0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0,
            0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1,
            0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0,
            0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0,
            0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0,
    };

    private static final byte[] W256 = {
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 0, 1, 1, 1, 1,
    };

    private HashFolder() {
    }

    /**
     * Folds the 16 × 16 image (256 pixels, row-major, values 0..255) into the 4-byte index:
     * one byte per 64 pixels, shifted right by 6.
     */
    static int foldIndex(int[] pixels16) {
        byte[] bytes = fold(pixels16, 4, 64, 6, B64, W64);
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    /**
     * Folds the 64 × 64 image (4096 pixels, row-major, values 0..255) into the 16 main
     * bytes: one byte per 256 pixels, shifted right by 5.
     */
    static byte[] foldMain(int[] pixels64) {
        return fold(pixels64, 16, 256, 5, B256, W256);
    }

    private static byte[] fold(int[] pixels, int vectors, int length, int shift, byte[] b, byte[] w) {
        byte[] out = new byte[vectors];
        int counter = 0;
        for (int i = 0; i < vectors; i++) {
            // The reference sums into an unsigned 32-bit int; the largest possible sum here
            // is 256 · 511, so an int never overflows.
            int sum = 0;
            for (int j = 0; j < length; j++) {
                // Branch-free form of: if B[j] is set, subtract it when the counter is even and
                // add it when odd, then count; otherwise add nothing. The tables make the
                // branches unpredictable, and mispredictions cost more than the arithmetic.
                int bit = b[j];
                int sign = ((counter & 1) << 1) - 1;
                sum += Math.abs(pixels[i * length + j] * w[j] + sign * bit);
                counter += bit;
            }
            out[i] = (byte) (sum >>> shift);
        }
        return out;
    }
}
