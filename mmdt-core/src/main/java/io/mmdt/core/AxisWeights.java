package io.mmdt.core;

/**
 * The 8-bit fixed-point weights of Pillow's Lanczos resampler along one axis, from
 * {@code inSize} input pixels to {@code outSize} output pixels.
 *
 * <p>Output pixel {@code o} is a weighted sum of the {@code count(o)} input pixels starting
 * at {@code start(o)}. Each weight is {@code lanczos(t) / ww} rounded half away from zero to
 * 22 fractional bits, where {@code ww} is the sum of the unrounded filter values of that
 * window. The window placement, the normalisation and the rounding follow Pillow's
 * {@code precompute_coeffs} and {@code normalize_coeffs_8bpc} step by step, in the same
 * floating-point order, so the integers are identical to the reference's.
 *
 * <p>Short axes keep every weight in a table. Long axes, which occur only for the vertical
 * axis of large inputs, would need a table that grows with the input (about 12 weights per
 * image row); for them only {@code ww} is kept per output pixel and the weights are computed
 * again when asked for, so memory stays constant. Both ways give the same integers.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
final class AxisWeights {

    /** Fractional bits of the fixed-point weights. */
    static final int PRECISION_BITS = 22;

    /** Axes with more weights than this compute them on demand instead of keeping a table. */
    static final int MAX_TABULATED_WEIGHTS = 1 << 21;

    final int inSize;
    final int outSize;

    private final int[] start;
    private final int[] count;
    private final double[] center;
    private final double[] sum;
    private final double inverseFilterScale;

    /** All weights, window after window; null when computed on demand. */
    private final int[] table;

    /** Position of each window's first weight in {@link #table}. */
    private final int[] tableOffset;

    /** Whether each window's weights read the same backwards; only for tabulated weights. */
    private final boolean[] symmetric;

    private AxisWeights(int inSize, int outSize, boolean allowTable) {
        this.inSize = inSize;
        this.outSize = outSize;
        this.start = new int[outSize];
        this.count = new int[outSize];
        this.center = new double[outSize];
        this.sum = new double[outSize];

        // Pillow keeps the source box as C floats; the float conversion is exact below 2^24
        // pixels and mirrors what C would do beyond.
        double scale = (double) (float) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = LanczosKernel.SUPPORT * filterScale;
        this.inverseFilterScale = 1.0 / filterScale;

        long totalWeights = 0;
        for (int o = 0; o < outSize; o++) {
            double c = (o + 0.5) * scale;
            int min = (int) (c - support + 0.5);
            if (min < 0) {
                min = 0;
            }
            int max = (int) (c + support + 0.5);
            if (max > inSize) {
                max = inSize;
            }
            center[o] = c;
            start[o] = min;
            count[o] = max - min;
            totalWeights += count[o];

            double ww = 0.0;
            for (int x = 0; x < count[o]; x++) {
                ww += filterValue(o, x);
            }
            sum[o] = ww;
        }

        if (allowTable && totalWeights <= MAX_TABULATED_WEIGHTS) {
            table = new int[(int) totalWeights];
            tableOffset = new int[outSize];
            symmetric = new boolean[outSize];
            int position = 0;
            for (int o = 0; o < outSize; o++) {
                tableOffset[o] = position;
                for (int x = 0; x < count[o]; x++) {
                    table[position++] = computeWeight(o, x);
                }
                symmetric[o] = readsSameBackwards(table, tableOffset[o], count[o]);
            }
        } else {
            table = null;
            tableOffset = null;
            symmetric = null;
        }
    }

    /** Computes the weights for resampling {@code inSize} pixels to {@code outSize}. */
    static AxisWeights compute(int inSize, int outSize) {
        return new AxisWeights(inSize, outSize, true);
    }

    /** Computes the weights without a table, so every weight is computed on demand. */
    static AxisWeights computeUntabulated(int inSize, int outSize) {
        return new AxisWeights(inSize, outSize, false);
    }

    /** Returns the first input pixel of output pixel {@code o}'s window. */
    int start(int o) {
        return start[o];
    }

    /** Returns the number of input pixels in output pixel {@code o}'s window. */
    int count(int o) {
        return count[o];
    }

    /** Returns whether every weight is held in a table. */
    boolean isTabulated() {
        return table != null;
    }

    /** Returns the number of ints held, for cache accounting. */
    long footprintInts() {
        return (table == null ? 0 : table.length) + 7L * outSize;
    }

    /**
     * Writes the weights of taps {@code fromTap} (inclusive) to {@code toTap} (exclusive) of
     * output pixel {@code o}'s window into {@code destination}, starting at index {@code at}.
     */
    void copyWeights(int o, int fromTap, int toTap, int[] destination, int at) {
        if (table != null) {
            System.arraycopy(table, tableOffset[o] + fromTap, destination, at, toTap - fromTap);
            return;
        }
        for (int x = fromTap; x < toTap; x++) {
            destination[at + x - fromTap] = computeWeight(o, x);
        }
    }

    /** Returns the table of all weights, window after window, or null when untabulated. */
    int[] table() {
        return table;
    }

    /** Returns the position of output pixel {@code o}'s first weight in {@link #table()}. */
    int tableOffset(int o) {
        return tableOffset[o];
    }

    /**
     * Returns whether output pixel {@code o}'s integer weights read the same backwards, which
     * holds for every window away from the image edges when the scale is a whole number or
     * one half. The resampler then adds mirrored pixels first and multiplies once per pair.
     */
    boolean isSymmetric(int o) {
        return symmetric != null && symmetric[o];
    }

    private static boolean readsSameBackwards(int[] values, int from, int length) {
        for (int i = 0, j = length - 1; i < j; i++, j--) {
            if (values[from + i] != values[from + j]) {
                return false;
            }
        }
        return true;
    }

    private double filterValue(int o, int x) {
        // Same expression order as Pillow: (x + xmin - center + 0.5) * ss.
        return LanczosKernel.lanczos(((double) (x + start[o]) - center[o] + 0.5) * inverseFilterScale);
    }

    private int computeWeight(int o, int x) {
        double k = filterValue(o, x);
        if (sum[o] != 0.0) {
            k = k / sum[o];
        }
        double scaled = k * (1 << PRECISION_BITS);
        return (int) (k < 0 ? scaled - 0.5 : scaled + 0.5);
    }
}
