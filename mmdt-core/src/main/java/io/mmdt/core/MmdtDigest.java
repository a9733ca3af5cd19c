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
 *   <li>a block of up to {@value DigestBuffers#BLOCK_ROWS} rows is transposed into columns,
 *       so that the horizontal pass becomes a run of {@code column × weight} additions over
 *       contiguous arrays, which the JIT compiles to SIMD instructions;
 *   <li>each 16-wide result column is multiplied with the vertical weights of every output
 *       row whose window overlaps the block, as a dot product over the block's rows;
 *   <li>the 64-wide results are transposed back into rows, and each row is added, with its
 *       vertical weight, into the accumulator of every output row whose window contains it.
 * </ol>
 *
 * <p>No intermediate image is kept. Rows past the end of the data are all zero and add
 * nothing, so they are skipped. Not thread-safe: one instance computes one hash, and
 * {@link #digest()} hands its working arrays back to {@link DigestBuffers}' pool.
 */
final class MmdtDigest {

    private static final int BLOCK_ROWS = DigestBuffers.BLOCK_ROWS;

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

    /** Null once {@link #digest()} has returned the arrays to the pool. */
    private DigestBuffers buffers;
    private final int blockBytes;
    private int pendingBytes;
    private long bytesSeen;
    private int rowsDone;

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

        this.buffers = DigestBuffers.acquire();
        this.blockBytes = BLOCK_ROWS * width;
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
        requireUnfinished();
        if (bytesSeen + length > shape.length) {
            throw new IllegalStateException("got more than the declared " + shape.length + " bytes");
        }
        byte[] pending = buffers.pending;
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
        requireUnfinished();
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
        requireUnfinished();
        if (bytesSeen != shape.length) {
            throw new IllegalStateException(
                    "got " + bytesSeen + " of the declared " + shape.length + " bytes");
        }
        if (pendingBytes > 0) {
            // The last row may be partial; the image is zero past the data.
            int rows = (pendingBytes + width - 1) / width;
            byte[] pending = buffers.pending;
            Arrays.fill(pending, pendingBytes, rows * width, (byte) 0);
            processRows(pending, 0, rows);
            pendingBytes = 0;
        }
        if (rowsDone != dataRows) {
            throw new AssertionError("processed " + rowsDone + " rows, expected " + dataRows);
        }

        DigestBuffers.release(buffers);
        buffers = null;

        int[] pixels16 = finishVertical(accumulator16);
        int[] pixels64 = finishVertical(accumulator64);
        return MmdtHash.of(HashFolder.foldIndex(pixels16), HashFolder.foldMain(pixels64));
    }

    private void requireUnfinished() {
        if (buffers == null) {
            throw new IllegalStateException("this digest has already returned its hash");
        }
    }

    private void processRows(byte[] source, int offset, int rowCount) {
        DigestBuffers b = buffers;
        transposeToColumns(source, offset, rowCount, b);

        horizontalPass(horizontal16, rowCount, b, b.clipped16);
        firstOpenWindow16 = verticalDots(b.clipped16, b, rowCount, firstOpenWindow16);

        if (horizontal64 != null) {
            horizontalPass(horizontal64, rowCount, b, b.clipped64);
            transposeToRows(b.clipped64, rowCount, b.rows64);
        } else {
            // Width 64 needs no horizontal pass for the 64 × 64 image: Pillow skips it.
            for (int r = 0; r < rowCount; r++) {
                int[] row = b.rows64[r];
                int from = offset + r * 64;
                for (int x = 0; x < 64; x++) {
                    row[x] = source[from + x] & 0xFF;
                }
            }
        }
        firstOpenWindow64 = verticalRows(b.rows64, b, rowCount, firstOpenWindow64);
        rowsDone += rowCount;
    }

    /**
     * Copies pixel (row r, column c) of the block to {@code columns[c][r]} in two steps. First
     * each row is read eight pixels at a time as little-endian longs, whose halves are stored
     * as {@code words[a][r]}: one scalar store per four pixels. Then each word column is split
     * into its four byte columns by shifts and masks over whole columns, which vectorise. One
     * scalar store per pixel, the obvious way, took a quarter of the hashing time.
     */
    private void transposeToColumns(byte[] source, int offset, int rowCount, DigestBuffers b) {
        int[][] words = b.words;
        int wordsPerRow = width / 4;
        // Tiles of 32 rows keep the source bytes in the L1 cache while all words are read.
        for (int tileStart = 0; tileStart < rowCount; tileStart += 32) {
            int tileEnd = Math.min(tileStart + 32, rowCount);
            // Every width is a multiple of 16 bytes, so four words at a time cover a row.
            for (int a = 0; a < wordsPerRow; a += 4) {
                int[] w0 = words[a];
                int[] w1 = words[a + 1];
                int[] w2 = words[a + 2];
                int[] w3 = words[a + 3];
                int from = offset + 4 * a;
                for (int r = tileStart; r < tileEnd; r++) {
                    int at = from + r * width;
                    long low = (long) LITTLE_ENDIAN_LONG.get(source, at);
                    long high = (long) LITTLE_ENDIAN_LONG.get(source, at + 8);
                    w0[r] = (int) low;
                    w1[r] = (int) (low >>> 32);
                    w2[r] = (int) high;
                    w3[r] = (int) (high >>> 32);
                }
            }
        }

        int[][] columns = b.columns;
        for (int a = 0; a < wordsPerRow; a++) {
            SimdLoops.splitBytes(words[a],
                    columns[4 * a], columns[4 * a + 1], columns[4 * a + 2], columns[4 * a + 3], rowCount);
        }
    }

    /**
     * Runs the horizontal pass on the block's columns and writes the 8-bit results into
     * {@code clipped[x][r]}.
     */
    private static void horizontalPass(AxisWeights weights, int rowCount, DigestBuffers b, int[][] clipped) {
        int[][] columns = b.columns;
        int[] sums = b.sums;
        int[] table = weights.table();
        for (int x = 0; x < weights.outSize; x++) {
            Arrays.fill(sums, 0, rowCount, ROUNDING);
            int first = weights.start(x);
            int taps = weights.count(x);
            int base = weights.tableOffset(x);
            if (weights.isSymmetric(x)) {
                addSymmetricWindow(sums, columns, first, taps, table, base, rowCount);
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
    }

    /**
     * Copies {@code clipped[x][r]} to {@code rows[r][x]} eight rows at a time, so that each
     * pass reads one column and writes eight rows sequentially; writing one row per column
     * value instead missed the cache on nearly every store.
     */
    private static void transposeToRows(int[][] clipped, int rowCount, int[][] rows) {
        int outWidth = clipped.length;
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
    private static void addSymmetricWindow(int[] sums, int[][] columns, int first, int taps, int[] table, int base,
            int rowCount) {
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
     * Runs the vertical pass to 16 rows on the block's 16 result columns: for every output row
     * whose window overlaps the block, adds the dot product of each column with the window's
     * weights. Rows of 16 pixels are too short for SIMD loops, and columns are long, so this
     * form avoids both the short loops and a transposition back into rows. Returns the first
     * output row whose window reaches past this block.
     */
    private int verticalDots(int[][] clipped, DigestBuffers b, int rowCount, int firstOpen) {
        AxisWeights weights = vertical16;
        int blockStart = rowsDone;
        int blockEnd = blockStart + rowCount;
        int[] rowWeights = b.rowWeights;

        firstOpen = firstWindowReaching(weights, blockStart, firstOpen);
        for (int o = firstOpen; o < weights.outSize && weights.start(o) < blockEnd; o++) {
            int windowStart = weights.start(o);
            int from = Math.max(blockStart, windowStart) - blockStart;
            int to = Math.min(blockEnd, windowStart + weights.count(o)) - blockStart;
            if (from >= to) {
                continue;
            }
            // Weights go to the same indices as the rows they multiply, so both arrays in the
            // dot product are read at one index, which the JDK 17 vectoriser needs.
            weights.copyWeights(o, blockStart + from - windowStart, blockStart + to - windowStart, rowWeights, from);
            int[] sums = accumulator16[o];
            for (int x = 0; x < 16; x++) {
                sums[x] += SimdLoops.dot(clipped[x], rowWeights, from, to);
            }
        }
        return firstOpen;
    }

    /**
     * Runs the vertical pass to 64 rows: adds each row of the block, times its weight, to every
     * output row whose window contains it. Returns the first output row whose window reaches
     * past this block.
     */
    private int verticalRows(int[][] rowsIn, DigestBuffers b, int rowCount, int firstOpen) {
        AxisWeights weights = vertical64;
        int blockStart = rowsDone;
        int blockEnd = blockStart + rowCount;
        int[] rowWeights = b.rowWeights;

        firstOpen = firstWindowReaching(weights, blockStart, firstOpen);
        for (int o = firstOpen; o < weights.outSize && weights.start(o) < blockEnd; o++) {
            int windowStart = weights.start(o);
            int from = Math.max(blockStart, windowStart);
            int to = Math.min(blockEnd, windowStart + weights.count(o));
            if (from >= to) {
                continue;
            }
            weights.copyWeights(o, from - windowStart, to - windowStart, rowWeights, 0);
            int[] sums = accumulator64[o];
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

    /** Skips the output rows whose windows end before {@code blockStart}. */
    private static int firstWindowReaching(AxisWeights weights, int blockStart, int firstOpen) {
        while (firstOpen < weights.outSize && weights.start(firstOpen) + weights.count(firstOpen) <= blockStart) {
            firstOpen++;
        }
        return firstOpen;
    }

    /** Rounds and clips the accumulators into a row-major image. */
    private static int[] finishVertical(int[][] accumulator) {
        int width = accumulator[0].length;
        int[] pixels = new int[accumulator.length * width];
        int[] row = new int[width];
        for (int o = 0; o < accumulator.length; o++) {
            // Clipping into a separate array indexed from 0 lets the loop vectorise.
            clip8(accumulator[o], row, width);
            System.arraycopy(row, 0, pixels, o * width, width);
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
