package io.mmdt.knn.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class KnnIndexTest {

    @Property(tries = 200)
    void searchEqualsBruteForce(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 3000) int size,
            @ForAll @IntRange(min = 1, max = 6) int alphabetSize,
            @ForAll @IntRange(min = 1, max = 20) int k,
            @ForAll @IntRange(min = -1, max = 300_000) int maxSquaredDistance) {
        RandomMains store = RandomMains.generate(seed, size, alphabetSize, 0.3);
        KnnIndex index = KnnIndex.build(store.high, store.low);
        Random random = new Random(seed + 1);
        int[] alphabet = new int[alphabetSize + 1];
        for (int i = 0; i < alphabet.length; i++) {
            alphabet[i] = random.nextInt(256);
        }
        for (int q = 0; q < 20; q++) {
            long[] query = store.query(random, alphabet);
            KnnHits expected = BruteForceKnn.search(
                    store.high, store.low, query[0], query[1], k, maxSquaredDistance);
            KnnHits actual = index.search(query[0], query[1], k, maxSquaredDistance);
            assertHitsEqual(expected, actual);
        }
    }

    @Property(tries = 50)
    void searchEqualsBruteForceOnWideByteValues(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 3000) int size,
            @ForAll @IntRange(min = 1, max = 20) int k,
            @ForAll @IntRange(min = -1, max = 300_000) int maxSquaredDistance) {
        RandomMains store = RandomMains.generate(seed, size, 256, 0.1);
        KnnIndex index = KnnIndex.build(store.high, store.low);
        Random random = new Random(seed + 1);
        int[] alphabet = new int[256];
        for (int i = 0; i < alphabet.length; i++) {
            alphabet[i] = i;
        }
        for (int q = 0; q < 20; q++) {
            long[] query = store.query(random, alphabet);
            assertHitsEqual(
                    BruteForceKnn.search(store.high, store.low, query[0], query[1], k, maxSquaredDistance),
                    index.search(query[0], query[1], k, maxSquaredDistance));
        }
    }

    @Test
    void emptyIndexFindsNothing() {
        KnnIndex index = KnnIndex.build(new long[0], new long[0]);

        KnnHits hits = index.search(0, 0, 10, 1_000_000);

        assertEquals(-1, hits.nearestPosition());
        assertEquals(0, hits.positions().length);
    }

    @Test
    void duplicatesComeOutInStoreOrder() {
        int size = 1000;
        long[] high = new long[size];
        long[] low = new long[size];
        java.util.Arrays.fill(high, 0x0102030405060708L);
        java.util.Arrays.fill(low, 0x090A0B0C0D0E0F10L);
        KnnIndex index = KnnIndex.build(high, low);

        KnnHits hits = index.search(0x0102030405060708L, 0x090A0B0C0D0E0F11L, 3, 10);

        assertEquals(0, hits.nearestPosition());
        assertEquals(1, hits.nearestDistance());
        assertArrayEquals(new int[] {0, 1, 2}, hits.positions());
        assertArrayEquals(new int[] {1, 1, 1}, hits.distances());
    }

    @Test
    void nearestIsFoundBeyondTheRadius() {
        long[] high = {0L, 0x4040404040404040L};
        long[] low = {0L, 0x4040404040404040L};
        KnnIndex index = KnnIndex.build(high, low);

        KnnHits hits = index.search(-1L, -1L, 10, 100);

        assertEquals(1, hits.nearestPosition());
        assertEquals(16 * 191 * 191, hits.nearestDistance());
        assertEquals(0, hits.positions().length);
    }

    static void assertHitsEqual(KnnHits expected, KnnHits actual) {
        assertEquals(expected.nearestPosition(), actual.nearestPosition(), "nearest position");
        assertEquals(expected.nearestDistance(), actual.nearestDistance(), "nearest distance");
        assertArrayEquals(expected.positions(), actual.positions(), "neighbour positions");
        assertArrayEquals(expected.distances(), actual.distances(), "neighbour distances");
    }
}
