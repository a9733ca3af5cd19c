package io.mmdt.core;

/**
 * The grey-scale image that the mmdt hash makes of an input of {@code length} bytes.
 *
 * <p>With {@code m = max(length, 4096)}, the width is 256 if {@code m > 131072}, 128 if
 * {@code m > 32768}, 64 if {@code m > 8192}, and 32 otherwise; the height is
 * {@code floor(m / width)}, so it is at least 128. The first {@code min(length, width · height)}
 * input bytes fill the image row by row; the rest of the image is zero and input bytes past
 * {@code width · height} are ignored.
 *
 * <p>python_mmdt computes these sizes with 32-bit ints, so it has no defined value for inputs
 * of 2 GiB and more. This class extends the same rules with 64-bit arithmetic, which keeps
 * the height an int for inputs below 512 GiB.
 */
final class ImageShape {

    /** Inputs shorter than this are padded with zeros to this size. */
    static final int MIN_PIXELS = 4096;

    /** Inputs of this many bytes or more have no mmdt hash: the height would overflow an int. */
    static final long MAX_LENGTH = 256L * Integer.MAX_VALUE + 256;

    final long length;
    final int width;
    final int height;

    private ImageShape(long length, int width, int height) {
        this.length = length;
        this.width = width;
        this.height = height;
    }

    /**
     * Returns the image shape for an input of {@code length} bytes.
     *
     * @throws IllegalArgumentException if {@code length} is negative or 512 GiB or more
     */
    static ImageShape of(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("input length must not be negative, got " + length);
        }
        if (length >= MAX_LENGTH) {
            throw new IllegalArgumentException("input of " + length
                    + " bytes is too large: mmdt hashes are defined for inputs below 512 GiB");
        }
        long m = Math.max(length, MIN_PIXELS);
        int width;
        if (m > 131072) {
            width = 256;
        } else if (m > 32768) {
            width = 128;
        } else if (m > 8192) {
            width = 64;
        } else {
            width = 32;
        }
        return new ImageShape(length, width, (int) (m / width));
    }

    /** Returns the number of input bytes that end up in the image. */
    long usedBytes() {
        return Math.min(length, (long) width * height);
    }
}
