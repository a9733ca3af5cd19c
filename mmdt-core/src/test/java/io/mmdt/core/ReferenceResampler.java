package io.mmdt.core;

/**
 * The slow, obviously correct twin of {@link MmdtDigest}, written straight from the
 * description of Pillow's Lanczos resampler: the whole image in memory, the weights computed
 * afresh, a full horizontal pass into an intermediate image, then a full vertical pass.
 * Used only as a test oracle.
 */
final class ReferenceResampler {

    private ReferenceResampler() {
    }

    /** Hashes {@code data} the slow way. */
    static MmdtHash hash(byte[] data) {
        int n = data.length;
        int m = Math.max(n, 4096);
        int w = 32;
        if (m > 131072) {
            w = 256;
        } else if (m > 32768) {
            w = 128;
        } else if (m > 8192) {
            w = 64;
        }
        int h = m / w;
        int[][] image = new int[h][w];
        for (int i = 0; i < Math.min(n, w * h); i++) {
            image[i / w][i % w] = data[i] & 0xFF;
        }
        int[][] small = resample(image, 16, 16);
        int[][] large = resample(image, 64, 64);
        return MmdtHash.of(ReferenceFolder.foldIndex(flatten(small)), ReferenceFolder.foldMain(flatten(large)));
    }

    static int[][] resample(int[][] image, int outWidth, int outHeight) {
        int inHeight = image.length;
        int inWidth = image[0].length;

        int[][] horizontal = image;
        if (outWidth != inWidth) {
            Weights weights = new Weights(inWidth, outWidth);
            horizontal = new int[inHeight][outWidth];
            for (int y = 0; y < inHeight; y++) {
                for (int x = 0; x < outWidth; x++) {
                    int acc = 1 << 21;
                    for (int k = 0; k < weights.count[x]; k++) {
                        acc += image[y][weights.min[x] + k] * weights.fixed[x][k];
                    }
                    horizontal[y][x] = clip(acc >> 22);
                }
            }
        }

        Weights weights = new Weights(inHeight, outHeight);
        int[][] out = new int[outHeight][outWidth];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                int acc = 1 << 21;
                for (int k = 0; k < weights.count[y]; k++) {
                    acc += horizontal[weights.min[y] + k][x] * weights.fixed[y][k];
                }
                out[y][x] = clip(acc >> 22);
            }
        }
        return out;
    }

    private static int clip(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static int[] flatten(int[][] image) {
        int w = image[0].length;
        int[] out = new int[image.length * w];
        for (int y = 0; y < image.length; y++) {
            System.arraycopy(image[y], 0, out, y * w, w);
        }
        return out;
    }

    /** Pillow's precompute_coeffs followed by normalize_coeffs_8bpc, unoptimised. */
    static final class Weights {
        final int[] min;
        final int[] count;
        final int[][] fixed;

        Weights(int inSize, int outSize) {
            min = new int[outSize];
            count = new int[outSize];
            fixed = new int[outSize][];
            double scale = (double) (float) inSize / outSize;
            double filterscale = Math.max(scale, 1.0);
            double support = 3.0 * filterscale;
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double ss = 1.0 / filterscale;
                int xmin = (int) (center - support + 0.5);
                if (xmin < 0) {
                    xmin = 0;
                }
                int xmax = (int) (center + support + 0.5);
                if (xmax > inSize) {
                    xmax = inSize;
                }
                int n = xmax - xmin;
                double[] k = new double[n];
                double ww = 0;
                for (int x = 0; x < n; x++) {
                    k[x] = lanczos(((double) (x + xmin) - center + 0.5) * ss);
                    ww += k[x];
                }
                fixed[xx] = new int[n];
                for (int x = 0; x < n; x++) {
                    if (ww != 0) {
                        k[x] /= ww;
                    }
                    fixed[xx][x] = k[x] < 0 ? (int) (k[x] * (1 << 22) - 0.5) : (int) (k[x] * (1 << 22) + 0.5);
                }
                min[xx] = xmin;
                count[xx] = n;
            }
        }

        private static double lanczos(double x) {
            if (x >= -3.0 && x < 3.0) {
                return sinc(x) * sinc(x / 3);
            }
            return 0.0;
        }

        private static double sinc(double x) {
            if (x == 0.0) {
                return 1.0;
            }
            x = x * Math.PI;
            return StrictMath.sin(x) / x;
        }
    }
}
