package io.mmdt.core;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The working arrays of one {@link MmdtDigest}, sized for the widest image and the tallest
 * block, and kept in a small shared pool between hashes.
 *
 * <p>Allocating and zeroing these arrays (about 540 KiB) took a quarter of the time of a
 * 64 KiB hash, so a finished digest hands them back for the next one. A digest writes
 * every row and column of the current block before it reads them, and it reads nothing
 * outside them. The last, partial row of a short input is zero-filled first. So no value
 * from an earlier input can reach a later hash. A digest that is abandoned part-way, for example
 * after a read error, simply never returns its arrays and the garbage collector takes them.
 *
 * <p>The pool keeps at most {@link #POOLED} sets: one per core, so that {@code mmdt hash},
 * which runs one hash per core, allocates no more sets after its first files. More
 * concurrent hashes than that allocate their own sets, which the pool then drops.
 */
final class DigestBuffers {

    /**
     * Image rows per block. Blocks of 128 or 192 rows were slower, because their SIMD loops are
     * shorter. Blocks of 512 to 2,048 rows were no faster and take more memory.
     */
    static final int BLOCK_ROWS = 256;

    /** The widest image, in pixels. */
    static final int MAX_WIDTH = 256;

    /** Sets kept for reuse: one per core, at most 32 (about 17 MiB). */
    static final int POOLED = Math.max(1, Math.min(32, Runtime.getRuntime().availableProcessors()));

    private static final ArrayBlockingQueue<DigestBuffers> POOL = new ArrayBlockingQueue<>(POOLED);

    /** A copy of the block being filled when the input arrives in pieces. */
    final byte[] pending = new byte[BLOCK_ROWS * MAX_WIDTH];
    /** Four pixels per int, transposed: {@code words[a][r]} contains pixels 4a..4a+3 of row r. */
    final int[][] words = new int[MAX_WIDTH / 4][BLOCK_ROWS];
    /** The block transposed: {@code columns[c][r]} is pixel (row r, column c). */
    final int[][] columns = new int[MAX_WIDTH][BLOCK_ROWS];
    /** One output column's sums before rounding. */
    final int[] sums = new int[BLOCK_ROWS];
    /** The 16-wide horizontal result, by column: {@code clipped16[x][r]}. */
    final int[][] clipped16 = new int[16][BLOCK_ROWS];
    /** The 64-wide horizontal result, by column, before it is copied into rows. */
    final int[][] clipped64 = new int[64][BLOCK_ROWS];
    /** The 64-wide horizontal result, by row: {@code rows64[r][x]}. */
    final int[][] rows64 = new int[BLOCK_ROWS][64];
    /** Vertical weights of one output row, placed at the block rows they apply to. */
    final int[] rowWeights = new int[BLOCK_ROWS];

    private DigestBuffers() {
    }

    /** Takes a set from the pool, or allocates one when the pool is empty. */
    static DigestBuffers acquire() {
        DigestBuffers pooled = POOL.poll();
        return pooled != null ? pooled : new DigestBuffers();
    }

    /** Returns a set to the pool, or drops it when the pool is full. */
    static void release(DigestBuffers buffers) {
        POOL.offer(buffers);
    }
}
