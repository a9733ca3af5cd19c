package io.mmdt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Pooled working arrays never carry one input's pixels into another input's hash. */
class DigestBuffersTest {

    private static final MmdtHasher HASHER = new MmdtHasher();

    @Test
    void smallInputAfterLargeInputMatchesReference() {
        byte[] large = ResamplerOracleTest.content(0, 3 << 20, 1);
        byte[] small = ResamplerOracleTest.content(3, 5000, 2);

        HASHER.hash(large);

        assertEquals(ReferenceResampler.hash(small), HASHER.hash(small));
    }

    @Test
    void abandonedDigestDoesNotAffectLaterHashes() {
        byte[] data = ResamplerOracleTest.content(1, 200_000, 3);
        MmdtDigest abandoned = new MmdtDigest(data.length);
        abandoned.update(data, 0, data.length / 2);

        assertEquals(ReferenceResampler.hash(data), HASHER.hash(data));
    }

    @Test
    void finishedDigestRejectsMoreInput() {
        MmdtDigest digest = new MmdtDigest(10);
        digest.update(new byte[10], 0, 10);
        digest.digest();

        IllegalStateException update = assertThrows(IllegalStateException.class, () -> digest.update(new byte[1], 0, 1));
        assertEquals("this digest has already returned its hash", update.getMessage());
        assertThrows(IllegalStateException.class, digest::digest);
    }

    @Test
    void concurrentHashesOfMixedSizesMatchReference() throws Exception {
        int inputs = 48;
        List<byte[]> data = new ArrayList<>();
        List<MmdtHash> expected = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            // Sizes cycle through every image width, so pooled arrays change shape between uses.
            int length = new int[] {3000, 20_000, 60_000, 300_000}[i % 4] + i;
            byte[] bytes = ResamplerOracleTest.content(i % 4, length, i);
            data.add(bytes);
            expected.add(ReferenceResampler.hash(bytes));
        }

        ExecutorService pool = Executors.newFixedThreadPool(2 * DigestBuffers.POOLED + 2);
        try {
            List<Future<MmdtHash>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (byte[] bytes : data) {
                    results.add(pool.submit(() -> HASHER.hash(bytes)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(expected.get(i % inputs), results.get(i).get(), "input " + (i % inputs));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
