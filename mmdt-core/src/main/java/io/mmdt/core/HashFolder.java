package io.mmdt.core;

/**
 * Folds the two resampled images into the hash bytes, as python_mmdt 0.3.1 does.
 *
 * <p>Each output byte summarises a run of {@code length} consecutive pixels (a "vector"): the
 * sum over the run of {@code |p·W[j] ∓ B[j]|}, shifted right and cut to 8 bits. Where
 * {@code B[j]} is 1 the sign alternates, driven by one counter that runs across the whole
 * image and is not reset between vectors. The tables are constants of the reference. The
 * package can see them so that the tests' plain twin of this fold reads the same tables.
 */
final class HashFolder {

    static final byte[] B64 = {
            0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0,
            0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1,
    };

    static final byte[] W64 = {
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1,
            2, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1,
    };

    static final byte[] B256 = {
            0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0,
            0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1,
            0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0,
            0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0,
            0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1,
            0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0,
            0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0,
            0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0,
    };

    static final byte[] W256 = {
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 0, 1, 1, 1, 1,
    };

    /** Per pixel of the 16 × 16 image: the weight {@code W[j]} and the signed offset {@code ∓B[j]}. */
    private static final int[] WEIGHTS16 = spread(W64, 4);
    private static final int[] OFFSETS16 = signedOffsets(B64, 4);
    /** The same for the 64 × 64 image. */
    private static final int[] WEIGHTS64 = spread(W256, 16);
    private static final int[] OFFSETS64 = signedOffsets(B256, 16);

    private HashFolder() {
    }

    /**
     * Folds the 16 × 16 image (256 pixels, row-major, values 0..255) into the 4-byte index:
     * one byte per 64 pixels, shifted right by 6.
     */
    static int foldIndex(int[] pixels16) {
        byte[] bytes = fold(pixels16, 64, 6, WEIGHTS16, OFFSETS16);
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    /**
     * Folds the 64 × 64 image (4096 pixels, row-major, values 0..255) into the 16 main
     * bytes: one byte per 256 pixels, shifted right by 5.
     */
    static byte[] foldMain(int[] pixels64) {
        return fold(pixels64, 256, 5, WEIGHTS64, OFFSETS64);
    }

    /**
     * Sums {@code |p·W + offset|} over each run of {@code length} pixels. Because the offsets
     * already carry the sign that the running counter would choose, every pixel is
     * independent of the others and the loop has no branches, so it vectorises.
     */
    private static byte[] fold(int[] pixels, int length, int shift, int[] weights, int[] offsets) {
        int[] terms = new int[pixels.length];
        for (int k = 0; k < pixels.length; k++) {
            terms[k] = Math.abs(pixels[k] * weights[k] + offsets[k]);
        }

        byte[] out = new byte[pixels.length / length];
        for (int i = 0; i < out.length; i++) {
            // The reference sums into an unsigned 32-bit int; the largest possible sum here
            // is 256 · 511, so an int never overflows.
            int sum = 0;
            for (int k = i * length; k < (i + 1) * length; k++) {
                sum += terms[k];
            }
            out[i] = (byte) (sum >>> shift);
        }
        return out;
    }

    /** Repeats the per-position table {@code w} once per vector. */
    private static int[] spread(byte[] w, int vectors) {
        int[] out = new int[w.length * vectors];
        for (int k = 0; k < out.length; k++) {
            out[k] = w[k % w.length];
        }
        return out;
    }

    /**
     * Gives each pixel the offset the reference adds: where {@code B[j]} is set, {@code -B[j]}
     * when the counter is even and {@code +B[j]} when odd, the counter advancing at every set
     * entry across the whole image; zero elsewhere.
     */
    private static int[] signedOffsets(byte[] b, int vectors) {
        int[] out = new int[b.length * vectors];
        int counter = 0;
        for (int k = 0; k < out.length; k++) {
            int bit = b[k % b.length];
            if (bit != 0) {
                out[k] = counter % 2 == 0 ? -bit : bit;
                counter++;
            }
        }
        return out;
    }
}
