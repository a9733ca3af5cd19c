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
    void interleavedDigestsKeepTheirOwnArrays() {
        // The first digest keeps a partial block in its pending array while a whole other
        // hash runs. If the two shared arrays, the first hash would change.
        byte[] partial = ResamplerOracleTest.content(0, 3001, 1);
        byte[] other = ResamplerOracleTest.content(2, 70_001, 2);
        MmdtDigest digest = new MmdtDigest(partial.length);
        digest.update(partial, 0, 2000);

        MmdtHash otherHash = HASHER.hash(other);
        digest.update(partial, 2000, partial.length - 2000);

        assertEquals(ReferenceResampler.hash(partial), digest.digest());
        assertEquals(ReferenceResampler.hash(other), otherHash);
    }

    @Test
    void poisonedPoolDoesNotChangeHashes() {
        // Fill every pooled array with non-zero values. A hash that read anything it had not
        // written first, such as the padding of a last partial row, would then differ.
        List<DigestBuffers> sets = new ArrayList<>();
        for (int i = 0; i < DigestBuffers.POOLED; i++) {
            sets.add(DigestBuffers.acquire());
        }
        for (DigestBuffers set : sets) {
            java.util.Arrays.fill(set.pending, (byte) 0xA5);
            for (int[][] arrays : List.of(set.words, set.columns, set.clipped16, set.clipped64, set.rows64)) {
                for (int[] array : arrays) {
                    java.util.Arrays.fill(array, 0x5A5A5A5A);
                }
            }
            java.util.Arrays.fill(set.sums, 0x5A5A5A5A);
            java.util.Arrays.fill(set.rowWeights, 0x5A5A5A5A);
            DigestBuffers.release(set);
        }

        for (int length : new int[] {1, 33, 3001, 4095, 8191, 20_001, 70_001, 300_001}) {
            byte[] data = ResamplerOracleTest.content(3, length, length);
            assertEquals(ReferenceResampler.hash(data), HASHER.hash(data), "length " + length);
        }
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
        assertThrows(IllegalStateException.class, () -> digest.update(java.nio.ByteBuffer.allocateDirect(0)));
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
