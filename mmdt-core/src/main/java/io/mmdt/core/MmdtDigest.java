package io.mmdt.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    static final int BLOCK_ROWS = 256;

    private static final int ROUNDING = 1 << (AxisWeights.PRECISION_BITS - 1);

    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

    /** The block transposed: {@code columns[c][r]} is pixel (row r, column c). */
    private final int[][] columns;
    /** Rows per block: {@link #BLOCK_ROWS}, or fewer when the data has fewer rows. */
    private final int blockRows;
    private final int[] sums;
    private final int[][] clipped;
    private final int[][] rows16;
    private final int[][] rows64;
    private final int[] verticalWeights;
    private final int[][] accumulator16 = new int[16][16];
    private final int[][] accumulator64 = new int[64][64];
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

        // Small inputs get small buffers: zeroing full-size ones cost more than hashing a few KiB.
        this.blockRows = Math.max(1, Math.min(BLOCK_ROWS, dataRows));
        this.pending = new byte[blockRows * width];
        this.columns = new int[width][blockRows];
        this.sums = new int[blockRows];
        this.clipped = new int[64][blockRows];
        this.rows16 = new int[blockRows][16];
        this.rows64 = new int[blockRows][64];
        this.verticalWeights = new int[blockRows];
        for (int[] row : accumulator16) {
            Arrays.fill(row, ROUNDING);
        }
        for (int[] row : accumulator64) {
            Arrays.fill(row, ROUNDING);
        }
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
                processRows(source, offset, blockRows);
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
                processRows(pending, 0, blockRows);
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

        horizontalPass(horizontal16, rowCount, rows16);
        if (horizontal64 != null) {
            horizontalPass(horizontal64, rowCount, rows64);
        } else {
            // Width 64 needs no horizontal pass for the 64 × 64 image: Pillow skips it.
            for (int r = 0; r < rowCount; r++) {
                int[] row = rows64[r];
                int from = offset + r * 64;
                for (int x = 0; x < 64; x++) {
                    row[x] = source[from + x] & 0xFF;
                }
            }
        }

        firstOpenWindow16 = verticalPass(vertical16, rows16, accumulator16, rowCount, firstOpenWindow16);
        firstOpenWindow64 = verticalPass(vertical64, rows64, accumulator64, rowCount, firstOpenWindow64);
        rowsDone += rowCount;
    }

    /**
     * Copies pixel (row r, column c) of the block to {@code columns[c][r]}. Reads eight
     * pixels of a row at once as a little-endian long, which halves the cost of the strided
     * reads. Every width is a multiple of eight.
     */
    private void transposeToColumns(byte[] source, int offset, int rowCount) {
        // Tiles of 32 rows keep the source bytes in the L1 cache while all columns are read.
        for (int tileStart = 0; tileStart < rowCount; tileStart += 32) {
            int tileEnd = Math.min(tileStart + 32, rowCount);
            for (int c = 0; c < width; c += 8) {
                int[] c0 = columns[c];
                int[] c1 = columns[c + 1];
                int[] c2 = columns[c + 2];
                int[] c3 = columns[c + 3];
                int[] c4 = columns[c + 4];
                int[] c5 = columns[c + 5];
                int[] c6 = columns[c + 6];
                int[] c7 = columns[c + 7];
                int from = offset + c;
                for (int r = tileStart; r < tileEnd; r++) {
                    long eight = (long) LITTLE_ENDIAN_LONG.get(source, from + r * width);
                    c0[r] = (int) eight & 0xFF;
                    c1[r] = (int) (eight >>> 8) & 0xFF;
                    c2[r] = (int) (eight >>> 16) & 0xFF;
                    c3[r] = (int) (eight >>> 24) & 0xFF;
                    c4[r] = (int) (eight >>> 32) & 0xFF;
                    c5[r] = (int) (eight >>> 40) & 0xFF;
                    c6[r] = (int) (eight >>> 48) & 0xFF;
                    c7[r] = (int) (eight >>> 56);
                }
            }
        }
    }

    /**
     * Runs the horizontal pass on the block's columns and writes the 8-bit results into
     * {@code rowsOut[r][x]}.
     */
    private void horizontalPass(AxisWeights weights, int rowCount, int[][] rowsOut) {
        int[][] columns = this.columns;
        int[] sums = this.sums;
        int[] table = weights.table();
        int[][] clipped = this.clipped;
        for (int x = 0; x < weights.outSize; x++) {
            Arrays.fill(sums, 0, rowCount, ROUNDING);
            int first = weights.start(x);
            int taps = weights.count(x);
            int base = weights.tableOffset(x);
            if (weights.isSymmetric(x)) {
                addSymmetricWindow(columns, first, taps, table, base, rowCount);
            } else {
                int k = 0;
                for (; k + 4 <= taps; k += 4) {
                    SimdLoops.addFour(sums,
                            columns[first + k], table[base + k],
                            columns[first + k + 1], table[base + k + 1],
                            columns[first + k + 2], table[base + k + 2],
                            columns[first + k + 3], table[base + k + 3], rowCount);
                }
                for (; k < taps; k++) {
                    SimdLoops.addOne(sums, columns[first + k], table[base + k], rowCount);
                }
            }
            clip8(sums, clipped[x], rowCount);
        }
        transposeToRows(clipped, weights.outSize, rowCount, rowsOut);
    }

    /**
     * Copies {@code clipped[x][r]} to {@code rows[r][x]} eight rows at a time, so that each
     * pass reads one column and writes eight rows sequentially; writing one row per column
     * value instead missed the cache on nearly every store.
     */
    private static void transposeToRows(int[][] clipped, int outWidth, int rowCount, int[][] rows) {
        int r = 0;
        for (; r + 8 <= rowCount; r += 8) {
            int[] r0 = rows[r];
            int[] r1 = rows[r + 1];
            int[] r2 = rows[r + 2];
            int[] r3 = rows[r + 3];
            int[] r4 = rows[r + 4];
            int[] r5 = rows[r + 5];
            int[] r6 = rows[r + 6];
            int[] r7 = rows[r + 7];
            for (int x = 0; x < outWidth; x++) {
                int[] column = clipped[x];
                r0[x] = column[r];
                r1[x] = column[r + 1];
                r2[x] = column[r + 2];
                r3[x] = column[r + 3];
                r4[x] = column[r + 4];
                r5[x] = column[r + 5];
                r6[x] = column[r + 6];
                r7[x] = column[r + 7];
            }
        }
        for (; r < rowCount; r++) {
            int[] row = rows[r];
            for (int x = 0; x < outWidth; x++) {
                row[x] = clipped[x][r];
            }
        }
    }

    /** Writes {@code clip8(sums[r] >> 22)} to {@code out[r]}, branch-free so that it vectorises. */
    private static void clip8(int[] sums, int[] out, int rowCount) {
        for (int r = 0; r < rowCount; r++) {
            out[r] = clip8(sums[r] >> AxisWeights.PRECISION_BITS);
        }
    }

    /** Adds a window whose weights read the same backwards, one multiplication per pair. */
    private void addSymmetricWindow(int[][] columns, int first, int taps, int[] table, int base, int rowCount) {
        int[] sums = this.sums;
        int last = first + taps - 1;
        int pairs = taps / 2;
        int k = 0;
        for (; k + 3 <= pairs; k += 3) {
            SimdLoops.addThreePairs(sums,
                    columns[first + k], columns[last - k], table[base + k],
                    columns[first + k + 1], columns[last - k - 1], table[base + k + 1],
                    columns[first + k + 2], columns[last - k - 2], table[base + k + 2], rowCount);
        }
        for (; k + 2 <= pairs; k += 2) {
            SimdLoops.addTwoPairs(sums,
                    columns[first + k], columns[last - k], table[base + k],
                    columns[first + k + 1], columns[last - k - 1], table[base + k + 1], rowCount);
        }
        for (; k < pairs; k++) {
            SimdLoops.addPair(sums, columns[first + k], columns[last - k], table[base + k], rowCount);
        }
        if (taps % 2 == 1) {
            SimdLoops.addOne(sums, columns[first + pairs], table[base + pairs], rowCount);
        }
    }

    /**
     * Adds each row of the block, times its weight, to every output row whose window contains
     * it. Returns the first output row whose window reaches past this block.
     */
    private int verticalPass(AxisWeights weights, int[][] rowsIn, int[][] accumulator, int rowCount, int firstOpen) {
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
            int[] sums = accumulator[o];
            int y = from;
            for (; y + 4 <= to; y += 4) {
                int i = y - blockStart;
                SimdLoops.addFour(sums,
                        rowsIn[i], rowWeights[y - from],
                        rowsIn[i + 1], rowWeights[y - from + 1],
                        rowsIn[i + 2], rowWeights[y - from + 2],
                        rowsIn[i + 3], rowWeights[y - from + 3], sums.length);
            }
            for (; y < to; y++) {
                SimdLoops.addOne(sums, rowsIn[y - blockStart], rowWeights[y - from], sums.length);
            }
        }
        return firstOpen;
    }

    private static int[] finishVertical(int[][] accumulator) {
        int width = accumulator[0].length;
        int[] pixels = new int[accumulator.length * width];
        for (int o = 0; o < accumulator.length; o++) {
            for (int x = 0; x < width; x++) {
                pixels[o * width + x] = clip8(accumulator[o][x] >> AxisWeights.PRECISION_BITS);
            }
        }
        return pixels;
    }

    /** Clamps to 0..255 without branches, which mispredict on image data. */
    private static int clip8(int value) {
        value &= ~(value >> 31);
        int excess = value - 255;
        return 255 + (excess & (excess >> 31));
    }
}
