package io.mmdt.knn.unpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnpackLimitsTest {

    @Test
    void defaultsMatchConstants() {
        UnpackLimits limits = UnpackLimits.defaults();

        assertEquals(1L << 30, limits.maxTotalBytes());
        assertEquals(100_000, limits.maxMembers());
        assertEquals(100, limits.maxCompressionRatio());
        assertEquals(1L << 20, limits.compressionRatioThreshold());
        assertEquals(3, limits.maxDepth());
        assertEquals(128 << 20, limits.maxBufferedBytes());
    }

    @Test
    void builderSetsEachLimit() {
        UnpackLimits limits = UnpackLimits.builder()
                .maxTotalBytes(5).maxMembers(6).maxCompressionRatio(7)
                .compressionRatioThreshold(8).maxDepth(9).maxBufferedBytes(10)
                .build();

        assertEquals(5, limits.maxTotalBytes());
        assertEquals(6, limits.maxMembers());
        assertEquals(7, limits.maxCompressionRatio());
        assertEquals(8, limits.compressionRatioThreshold());
        assertEquals(9, limits.maxDepth());
        assertEquals(10, limits.maxBufferedBytes());
    }

    @Test
    void toBuilderRoundTrips() {
        UnpackLimits limits = UnpackLimits.builder().maxDepth(7).maxMembers(12).build();

        assertEquals(limits, limits.toBuilder().build());
        assertEquals(limits.hashCode(), limits.toBuilder().build().hashCode());
    }

    @Test
    void zeroIsRejectedWithValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnpackLimits.builder().maxDepth(0));

        assertEquals("maxDepth must be at least 1, got 0", e.getMessage());
    }

    @Test
    void negativeTotalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> UnpackLimits.builder().maxTotalBytes(-1));
    }

    @Test
    void oversizedBufferIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnpackLimits.builder().maxBufferedBytes(Integer.MAX_VALUE));

        assertTrue(e.getMessage().contains(String.valueOf(Integer.MAX_VALUE)), e.getMessage());
    }
}
