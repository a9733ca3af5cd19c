package io.mmdt.knn.unpack;

/**
 * Bounds on the work that {@link Unpacker} does for one input, so that a hostile archive
 * (a zip bomb, a deeply nested archive, millions of tiny members) fails fast with an
 * {@link UnpackException} instead of exhausting memory or time.
 *
 * <p>Byte limits count the bytes actually decompressed and read, never the sizes that an
 * archive declares. Every limit applies to one call of {@code Unpacker.unpack}, across all
 * nesting levels. Instances are immutable. Create them with {@link #builder()}.
 *
 * <pre>{@code
 * UnpackLimits limits = UnpackLimits.builder().maxDepth(5).maxTotalBytes(4L << 30).build();
 * }</pre>
 */
public final class UnpackLimits {

    /** Default {@link #maxTotalBytes()}: 1 GiB. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 1L << 30;

    /** Default {@link #maxMembers()}: 100,000. */
    public static final int DEFAULT_MAX_MEMBERS = 100_000;

    /** Default {@link #maxCompressionRatio()}: 100, that is 100:1. */
    public static final int DEFAULT_MAX_COMPRESSION_RATIO = 100;

    /** Default {@link #compressionRatioThreshold()}: 1 MiB. */
    public static final long DEFAULT_COMPRESSION_RATIO_THRESHOLD = 1L << 20;

    /** Default {@link #maxDepth()}: 3. */
    public static final int DEFAULT_MAX_DEPTH = 3;

    /** Default {@link #maxBufferedBytes()}: 128 MiB. */
    public static final int DEFAULT_MAX_BUFFERED_BYTES = 128 << 20;

    /** Largest {@link #maxBufferedBytes()}: a Java array contains a little under 2³¹ bytes. */
    public static final int MAX_BUFFER_LIMIT = Integer.MAX_VALUE - 8;

    private static final UnpackLimits DEFAULTS = builder().build();

    private final long maxTotalBytes;
    private final int maxMembers;
    private final int maxCompressionRatio;
    private final long compressionRatioThreshold;
    private final int maxDepth;
    private final int maxBufferedBytes;

    private UnpackLimits(Builder builder) {
        this.maxTotalBytes = builder.maxTotalBytes;
        this.maxMembers = builder.maxMembers;
        this.maxCompressionRatio = builder.maxCompressionRatio;
        this.compressionRatioThreshold = builder.compressionRatioThreshold;
        this.maxDepth = builder.maxDepth;
        this.maxBufferedBytes = builder.maxBufferedBytes;
    }

    /** Returns the default limits, the values of the {@code DEFAULT_} constants. */
    public static UnpackLimits defaults() {
        return DEFAULTS;
    }

    /** Returns a builder that starts from the default limits. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder that starts from these limits. */
    public Builder toBuilder() {
        return new Builder()
                .maxTotalBytes(maxTotalBytes)
                .maxMembers(maxMembers)
                .maxCompressionRatio(maxCompressionRatio)
                .compressionRatioThreshold(compressionRatioThreshold)
                .maxDepth(maxDepth)
                .maxBufferedBytes(maxBufferedBytes);
    }

    /**
     * Returns the maximum number of member bytes read for one input, summed over all
     * members at all depths. The bytes of a nested container count once as a member and
     * again as the members read from it, so the sum bounds the total work.
     */
    public long maxTotalBytes() {
        return maxTotalBytes;
    }

    /** Returns the maximum number of members of one input, counted at all depths. */
    public int maxMembers() {
        return maxMembers;
    }

    /**
     * Returns the maximum ratio of decompressed to compressed bytes of one compressed stream
     * (a ZIP entry or a gzip stream), checked once the stream has produced more than
     * {@link #compressionRatioThreshold()} bytes. Deflate reaches at most about 1032:1, on
     * constant data. The default 100:1 rejects such bombs early and leaves room for very
     * redundant real files such as logs.
     */
    public int maxCompressionRatio() {
        return maxCompressionRatio;
    }

    /**
     * Returns the number of decompressed bytes of one stream up to which any compression
     * ratio is accepted, so that small, highly redundant members pass.
     */
    public long compressionRatioThreshold() {
        return compressionRatioThreshold;
    }

    /**
     * Returns the maximum depth of a member: the number of containers around it. With the
     * default 3, {@code a.zip!/b.zip!/c.zip!/d.txt} is read and a container found at
     * {@code a.zip!/b.zip!/c.zip!/d.zip} is an error. With 1, any nested container is an
     * error.
     */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * Returns the maximum size in bytes of one member held in memory. A member is held in
     * memory when it is itself a container (it is both unpacked and hashed) or when its
     * size is not known in advance (the content of a gzip file). At most
     * {@link #maxDepth()} such buffers exist at a time.
     */
    public int maxBufferedBytes() {
        return maxBufferedBytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnpackLimits other
                && maxTotalBytes == other.maxTotalBytes
                && maxMembers == other.maxMembers
                && maxCompressionRatio == other.maxCompressionRatio
                && compressionRatioThreshold == other.compressionRatioThreshold
                && maxDepth == other.maxDepth
                && maxBufferedBytes == other.maxBufferedBytes;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(maxTotalBytes);
        h = 31 * h + maxMembers;
        h = 31 * h + maxCompressionRatio;
        h = 31 * h + Long.hashCode(compressionRatioThreshold);
        h = 31 * h + maxDepth;
        return 31 * h + maxBufferedBytes;
    }

    @Override
    public String toString() {
        return "UnpackLimits[maxTotalBytes=" + maxTotalBytes
                + ", maxMembers=" + maxMembers
                + ", maxCompressionRatio=" + maxCompressionRatio
                + ", compressionRatioThreshold=" + compressionRatioThreshold
                + ", maxDepth=" + maxDepth
                + ", maxBufferedBytes=" + maxBufferedBytes + "]";
    }

    /**
     * A mutable builder for {@link UnpackLimits}. Every setter rejects values below 1 with
     * an {@link IllegalArgumentException} that quotes the value.
     */
    public static final class Builder {

        private long maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES;
        private int maxMembers = DEFAULT_MAX_MEMBERS;
        private int maxCompressionRatio = DEFAULT_MAX_COMPRESSION_RATIO;
        private long compressionRatioThreshold = DEFAULT_COMPRESSION_RATIO_THRESHOLD;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;

        private Builder() {
        }

        /** Sets {@link UnpackLimits#maxTotalBytes()}, in bytes. */
        public Builder maxTotalBytes(long bytes) {
            this.maxTotalBytes = requirePositive("maxTotalBytes", bytes);
            return this;
        }

        /** Sets {@link UnpackLimits#maxMembers()}. */
        public Builder maxMembers(int members) {
            this.maxMembers = (int) requirePositive("maxMembers", members);
            return this;
        }

        /** Sets {@link UnpackLimits#maxCompressionRatio()}: 100 means 100:1. */
        public Builder maxCompressionRatio(int ratio) {
            this.maxCompressionRatio = (int) requirePositive("maxCompressionRatio", ratio);
            return this;
        }

        /** Sets {@link UnpackLimits#compressionRatioThreshold()}, in decompressed bytes. */
        public Builder compressionRatioThreshold(long bytes) {
            this.compressionRatioThreshold = requirePositive("compressionRatioThreshold", bytes);
            return this;
        }

        /** Sets {@link UnpackLimits#maxDepth()}. */
        public Builder maxDepth(int depth) {
            this.maxDepth = (int) requirePositive("maxDepth", depth);
            return this;
        }

        /**
         * Sets {@link UnpackLimits#maxBufferedBytes()}, in bytes.
         *
         * @throws IllegalArgumentException also if {@code bytes} is above
         *     {@link UnpackLimits#MAX_BUFFER_LIMIT}
         */
        public Builder maxBufferedBytes(int bytes) {
            requirePositive("maxBufferedBytes", bytes);
            if (bytes > MAX_BUFFER_LIMIT) {
                throw new IllegalArgumentException("maxBufferedBytes must be at most "
                        + MAX_BUFFER_LIMIT + ", got " + bytes);
            }
            this.maxBufferedBytes = bytes;
            return this;
        }

        /** Builds the limits. */
        public UnpackLimits build() {
            return new UnpackLimits(this);
        }

        private static long requirePositive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
