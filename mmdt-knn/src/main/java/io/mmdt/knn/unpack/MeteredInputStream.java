package io.mmdt.knn.unpack;

import io.mmdt.knn.unpack.UnpackException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * A decompressed stream that enforces the {@link UnpackLimits} on the bytes it actually
 * delivers: the shared byte budget, the compression ratio and the declared size.
 *
 * <p>Any error of the underlying decompressor becomes an {@link UnpackException} with
 * reason {@link Reason#CORRUPT} that names the container and member. Closing this stream
 * does not close the underlying one, which the walk that opened it closes.
 */
final class MeteredInputStream extends InputStream {

    /** The byte budget shared by all members of one input. */
    interface ByteBudget {
        /** Records {@code bytes} more bytes read, or throws when the budget is spent. */
        void charge(long bytes, MemberPath container, String member) throws UnpackException;
    }

    /** Marks a stream whose size is not known in advance. */
    static final long UNKNOWN_SIZE = -1;

    private final InputStream in;
    private final MemberPath container;
    private final String member;
    private final long declaredSize;
    private final LongSupplier compressedCount;
    private final UnpackLimits limits;
    private final ByteBudget budget;
    private final byte[] oneByte = new byte[1];
    private long count;

    /**
     * Creates a metered stream.
     *
     * @param member the member name for error messages, or null for a whole compressed layer
     * @param declaredSize the size the archive declares, or {@link #UNKNOWN_SIZE}
     * @param compressedCount the number of compressed bytes consumed so far, or null when
     *     the data is not compressed and no ratio applies
     * @param budget the budget to charge, or null when another stream charges these bytes
     */
    MeteredInputStream(InputStream in, MemberPath container, String member, long declaredSize,
            LongSupplier compressedCount, UnpackLimits limits, ByteBudget budget) {
        this.in = in;
        this.container = container;
        this.member = member;
        this.declaredSize = declaredSize;
        this.compressedCount = compressedCount;
        this.limits = limits;
        this.budget = budget;
    }

    /** Returns the number of bytes delivered so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int n = read(oneByte, 0, 1);
        return n < 0 ? -1 : oneByte[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (declaredSize != UNKNOWN_SIZE && count >= declaredSize) {
            // Read one byte past the declared end, so that an archive that understates a
            // member's size is reported instead of silently cut short.
            if (readDelegate(oneByte, 0, 1) > 0) {
                throw corrupt("member is longer than its declared size of " + declaredSize
                        + " bytes", null);
            }
            return -1;
        }
        int request = declaredSize == UNKNOWN_SIZE ? len : (int) Math.min(len, declaredSize - count);
        int n = readDelegate(b, off, request);
        if (n < 0) {
            if (declaredSize != UNKNOWN_SIZE) {
                throw corrupt("member is truncated: it ended after " + count + " of its declared "
                        + declaredSize + " bytes", null);
            }
            return -1;
        }
        count += n;
        if (budget != null) {
            budget.charge(n, container, member);
        }
        checkRatio();
        return n;
    }

    /** Does nothing: the walk that opened the underlying stream closes it. */
    @Override
    public void close() {
    }

    private int readDelegate(byte[] b, int off, int len) throws UnpackException {
        try {
            return in.read(b, off, len);
        } catch (UnpackException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decompressors report damaged data with assorted exceptions, some unchecked.
            throw corrupt("cannot read member data: " + ContainerWalk.describe(e), e);
        }
    }

    private void checkRatio() throws UnpackException {
        if (compressedCount == null || count <= limits.compressionRatioThreshold()) {
            return;
        }
        long compressed = Math.max(1, compressedCount.getAsLong());
        long ratio = limits.maxCompressionRatio();
        if (compressed <= Long.MAX_VALUE / ratio && count > compressed * ratio) {
            throw new UnpackException(container, member, Reason.COMPRESSION_RATIO_LIMIT,
                    "compression ratio exceeds the limit of " + ratio + ":1 (" + count
                            + " bytes from " + compressed + " compressed bytes;"
                            + " UnpackLimits.maxCompressionRatio)", null);
        }
    }

    private UnpackException corrupt(String detail, Throwable cause) {
        return new UnpackException(container, member, Reason.CORRUPT, detail, cause);
    }
}
