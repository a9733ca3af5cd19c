package io.mmdt.core;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Computes one mmdt hash from bytes that arrive in chunks of any size, in constant memory.
 *
 * <p>The hash resamples the input, seen as a {@code width × height} grey-scale image, to
 * 16 × 16 and to 64 × 64 pixels with Pillow's separable Lanczos resampler: a horizontal pass
 * on every row, rounded to 8 bits, then a vertical pass. Because every sum is an exact
 * integer, the passes can be run on blocks of rows as they arrive:
 *
 * <ol>
 *   <li>a block of up to {@value #BLOCK_ROWS} rows is transposed into columns, so that the
 *       horizontal pass becomes a run of {@code column × weight} additions over contiguous
 *       arrays, which the JIT compiles to SIMD instructions;
 *   <li>the 8-bit results are transposed back into rows;
 *   <li>each row is added, with its vertical weight, into the accumulator of every output
 *       row whose window contains it, so no intermediate image is kept.
 * </ol>
 *
 * <p>Rows past the end of the data are all zero and add nothing, so they are skipped.
 * Not thread-safe: one instance computes one hash.
 */
final class MmdtDigest {

    /** Rows per block: large enough for long SIMD loops, small enough to stay in L1/L2. */
    static final int BLOCK_ROWS = 64;

    private static final int ROUNDING = 1 << (AxisWeights.PRECISION_BITS - 1);

    private final ImageShape shape;
    private final int width;
    private final long usedBytes;
    private final int dataRows;

    /** Horizontal weights to 16 and to 64 columns; {@code horizontal64} is null for width 64. */
    private final AxisWeights horizontal16;
    private final AxisWeights horizontal64;
    private final AxisWeights vertical16;
    private final AxisWeights vertical64;

    private final byte[] pending;
    private int pendingBytes;
    private long bytesSeen;
    private int rowsDone;

    private final int[] columns;
    private final int[] columnSums;
    private final int[] rows16;
    private final int[] rows64;
    private final int[] verticalWeights = new int[BLOCK_ROWS];
    private final int[] accumulator16 = new int[16 * 16];
    private final int[] accumulator64 = new int[64 * 64];
    private int firstOpenWindow16;
    private int firstOpenWindow64;

    /**
     * Prepares to hash an input of exactly {@code length} bytes.
     *
     * @throws IllegalArgumentException if {@code length} is negative or 512 GiB or more
     */
    MmdtDigest(long length) {
        this.shape = ImageShape.of(length);
        this.width = shape.width;
        this.usedBytes = shape.usedBytes();
        this.dataRows = (int) ((usedBytes + width - 1) / width);

        this.horizontal16 = WeightsCache.get(width, 16);
        this.horizontal64 = width == 64 ? null : WeightsCache.get(width, 64);
        this.vertical16 = WeightsCache.get(shape.height, 16);
        this.vertical64 = WeightsCache.get(shape.height, 64);

        this.pending = new byte[BLOCK_ROWS * width];
        this.columns = new int[BLOCK_ROWS * width];
        this.columnSums = new int[BLOCK_ROWS * 64];
        this.rows16 = new int[BLOCK_ROWS * 16];
        this.rows64 = new int[BLOCK_ROWS * 64];
        Arrays.fill(accumulator16, ROUNDING);
        Arrays.fill(accumulator64, ROUNDING);
    }

    /** Returns the number of bytes this digest expects in all. */
    long length() {
        return shape.length;
    }

    /** Returns the number of bytes passed to {@code update} so far. */
    long bytesSeen() {
        return bytesSeen;
    }

    /**
     * Adds the next {@code length} bytes of the input.
     *
     * @throws IllegalStateException if this would exceed the length given at construction
     */
    void update(byte[] source, int offset, int length) {
        if (bytesSeen + length > shape.length) {
            throw new IllegalStateException("got more than the declared " + shape.length + " bytes");
        }
        int blockBytes = pending.length;
        while (length > 0) {
            long imageBytesLeft = usedBytes - bytesSeen;
            if (imageBytesLeft <= 0) {
                // Past width · height: the reference ignores these bytes.
                bytesSeen += length;
                return;
            }

            // Whole blocks of complete rows are read straight from the caller's array.
            if (pendingBytes == 0 && length >= blockBytes && imageBytesLeft >= blockBytes) {
                processRows(source, offset, BLOCK_ROWS);
                offset += blockBytes;
                length -= blockBytes;
                bytesSeen += blockBytes;
                continue;
            }

            int take = (int) Math.min(Math.min(length, blockBytes - pendingBytes), imageBytesLeft);
            System.arraycopy(source, offset, pending, pendingBytes, take);
            pendingBytes += take;
            offset += take;
            length -= take;
            bytesSeen += take;
            if (pendingBytes == blockBytes) {
                processRows(pending, 0, BLOCK_ROWS);
                pendingBytes = 0;
            }
        }
    }

    /** Adds the remaining bytes of {@code buffer}, advancing its position to its limit. */
    void update(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            int length = buffer.remaining();
            update(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
            buffer.position(buffer.limit());
            return;
        }
        byte[] chunk = new byte[Math.min(buffer.remaining(), 1 << 16)];
        while (buffer.hasRemaining()) {
            int length = Math.min(chunk.length, buffer.remaining());
            buffer.get(chunk, 0, length);
            update(chunk, 0, length);
        }
    }

    /**
     * Finishes the computation and returns the hash.
     *
     * @throws IllegalStateException if fewer bytes than declared were given
     */
    MmdtHash digest() {
        if (bytesSeen != shape.length) {
            throw new IllegalStateException(
                    "got " + bytesSeen + " of the declared " + shape.length + " bytes");
        }
        if (pendingBytes > 0) {
            // The last row may be partial; the image is zero past the data.
            int rows = (pendingBytes + width - 1) / width;
            Arrays.fill(pending, pendingBytes, rows * width, (byte) 0);
            processRows(pending, 0, rows);
            pendingBytes = 0;
        }
        if (rowsDone != dataRows) {
            throw new AssertionError("processed " + rowsDone + " rows, expected " + dataRows);
        }

        int[] pixels16 = finishVertical(accumulator16);
        int[] pixels64 = finishVertical(accumulator64);
        return MmdtHash.of(HashFolder.foldIndex(pixels16), HashFolder.foldMain(pixels64));
    }

    private void processRows(byte[] source, int offset, int rowCount) {
        transposeToColumns(source, offset, rowCount);

        horizontalPass(horizontal16, 16, rowCount, rows16);
        if (horizontal64 != null) {
            horizontalPass(horizontal64, 64, rowCount, rows64);
        } else {
            // Width 64 needs no horizontal pass for the 64 × 64 image: Pillow skips it.
            for (int i = 0, n = rowCount * 64; i < n; i++) {
                rows64[i] = source[offset + i] & 0xFF;
            }
        }

        firstOpenWindow16 = verticalPass(vertical16, 16, rows16, accumulator16, rowCount, firstOpenWindow16);
        firstOpenWindow64 = verticalPass(vertical64, 64, rows64, accumulator64, rowCount, firstOpenWindow64);
        rowsDone += rowCount;
    }

    /** Writes pixel (row r, column c) of the block to {@code columns[c · BLOCK_ROWS + r]}. */
    private void transposeToColumns(byte[] source, int offset, int rowCount) {
        int[] columns = this.columns;
        for (int c = 0; c < width; c++) {
            int target = c * BLOCK_ROWS;
            int from = offset + c;
            for (int r = 0; r < rowCount; r++) {
                columns[target + r] = source[from + r * width] & 0xFF;
            }
        }
    }

    /**
     * Runs the horizontal pass on the block's columns and writes the 8-bit results row-major
     * into {@code rowsOut} ({@code outWidth} values per row).
     */
    private void horizontalPass(AxisWeights weights, int outWidth, int rowCount, int[] rowsOut) {
        int[] columns = this.columns;
        int[] sums = this.columnSums;
        int[] table = weights.table();
        for (int x = 0; x < outWidth; x++) {
            int sumBase = x * BLOCK_ROWS;
            Arrays.fill(sums, sumBase, sumBase + rowCount, ROUNDING);
            int first = weights.start(x);
            int taps = weights.count(x);
            int tableBase = weights.tableOffset(x);
            for (int k = 0; k < taps; k++) {
                int weight = table[tableBase + k];
                int columnBase = (first + k) * BLOCK_ROWS;
                for (int r = 0; r < rowCount; r++) {
                    sums[sumBase + r] += columns[columnBase + r] * weight;
                }
            }
            for (int r = 0; r < rowCount; r++) {
                rowsOut[r * outWidth + x] = clip8(sums[sumBase + r] >> AxisWeights.PRECISION_BITS);
            }
        }
    }

    /**
     * Adds each row of the block, times its weight, to every output row whose window contains
     * it. Returns the first output row whose window reaches past this block.
     */
    private int verticalPass(
            AxisWeights weights, int outWidth, int[] rowsIn, int[] accumulator, int rowCount, int firstOpen) {
        int blockStart = rowsDone;
        int blockEnd = blockStart + rowCount;
        int[] rowWeights = this.verticalWeights;
        int outRows = weights.outSize;

        while (firstOpen < outRows && weights.start(firstOpen) + weights.count(firstOpen) <= blockStart) {
            firstOpen++;
        }
        for (int o = firstOpen; o < outRows && weights.start(o) < blockEnd; o++) {
            int windowStart = weights.start(o);
            int from = Math.max(blockStart, windowStart);
            int to = Math.min(blockEnd, windowStart + weights.count(o));
            if (from >= to) {
                continue;
            }
            weights.copyWeights(o, from - windowStart, to - windowStart, rowWeights);
            int accumulatorBase = o * outWidth;
            for (int y = from; y < to; y++) {
                int weight = rowWeights[y - from];
                int rowBase = (y - blockStart) * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    accumulator[accumulatorBase + x] += rowsIn[rowBase + x] * weight;
                }
            }
        }
        return firstOpen;
    }

    private static int[] finishVertical(int[] accumulator) {
        int[] pixels = new int[accumulator.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = clip8(accumulator[i] >> AxisWeights.PRECISION_BITS);
        }
        return pixels;
    }

    private static int clip8(int value) {
        return value < 0 ? 0 : Math.min(value, 255);
    }
}
