package io.mmdt.knn.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtSimilarity;
import io.mmdt.knn.store.HashStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class KnnClassifierTest {

    private static final String CENTRE = "00000000:10101010101010101010101010101010";

    @Property(tries = 150)
    void equalsBruteForce(
            @ForAll long seed,
            @ForAll("storeSizes") int size,
            @ForAll @IntRange(min = 1, max = 6) int alphabetSize,
            @ForAll @IntRange(min = 1, max = 20) int k,
            @ForAll("thresholds") double threshold) {
        HashStore store = TestStores.random(seed, size, alphabetSize);
        KnnClassifier classifier = KnnClassifier.builder(store).k(k).threshold(threshold).build();
        Random random = new Random(seed);

        for (int q = 0; q < 10; q++) {
            MmdtHash query = TestStores.query(store, random, alphabetSize + 1);
            assertEquals(BruteForceClassifiers.knn(store, query, k, threshold), classifier.classify(query),
                    () -> "query " + query);
        }
    }

    @Provide
    Arbitrary<Integer> storeSizes() {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, 2), Arbitraries.integers().between(3, 3000));
    }

    /** Thresholds at the edges, at similarities that a distance reaches exactly, and anywhere. */
    @Provide
    Arbitrary<Double> thresholds() {
        return Arbitraries.oneOf(
                Arbitraries.of(0.0, 1.0, 0.95),
                Arbitraries.integers().between(0, 16 * 255 * 255).map(MmdtSimilarity::fromSquaredDistance),
                Arbitraries.integers().between(0, 3000).map(MmdtSimilarity::fromSquaredDistance),
                Arbitraries.doubles().between(0, 1));
    }

    @Test
    void emptyStoreGivesUnknown() {
        KnnClassifier classifier = KnnClassifier.of(new HashStore());

        Classification result = classifier.classify(MmdtHash.parse(CENTRE));

        assertEquals(Classification.UNKNOWN, result.label());
        assertTrue(result.nearest().isEmpty());
        assertTrue(result.similars().isEmpty());
        assertTrue(result.labels().isEmpty());
    }

    @Test
    void labelComesFromNearestBelowThreshold() {
        HashStore store = new HashStore();
        store.append(MmdtHash.parse("00000000:FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"), "far", "a");
        store.append(MmdtHash.parse("00000000:80808080808080808080808080808080"), "nearer", "b");

        Classification result = KnnClassifier.of(store).classify(MmdtHash.parse(CENTRE));

        assertEquals("nearer", result.label());
        assertEquals("b", result.nearest().orElseThrow().sampleId());
        assertTrue(result.similars().isEmpty());
    }

    @Test
    void sharesFollowFirstAppearance() {
        HashStore store = new HashStore();
        store.append(MmdtHash.parse("00000000:10101010101010101010101010101011"), "virlock", "a");
        store.append(MmdtHash.parse(CENTRE), "APT28", "b");
        store.append(MmdtHash.parse("00000000:10101010101010101010101010101012"), "virlock", "c");
        store.append(MmdtHash.parse("00000000:10101010101010101010101010101013"), "virlock", "d");

        Classification result = KnnClassifier.of(store).classify(MmdtHash.parse(CENTRE));

        assertEquals("APT28", result.label());
        assertEquals(List.of("b", "a", "c", "d"),
                result.similars().stream().map(Neighbour::sampleId).toList());
        assertEquals(List.of(new LabelShare("APT28", 1, 0.25), new LabelShare("virlock", 3, 0.75)),
                result.labels());
        assertEquals("75.00%", result.labels().get(1).ratioText());
    }

    @Test
    void ignoresEntriesAppendedAfterBuild() {
        HashStore store = new HashStore();
        store.append(MmdtHash.parse("00000000:FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"), "far", "a");
        KnnClassifier classifier = KnnClassifier.of(store);
        store.append(MmdtHash.parse(CENTRE), "late", "b");

        assertEquals("far", classifier.classify(MmdtHash.parse(CENTRE)).label());
    }

    @Test
    void rejectsInvalidOptions() {
        KnnClassifier.Builder builder = KnnClassifier.builder(new HashStore());

        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> builder.k(0));
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class, () -> builder.threshold(1.5));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> builder.threshold(Double.NaN));

        assertTrue(k.getMessage().contains("0"), k.getMessage());
        assertTrue(high.getMessage().contains("1.5"), high.getMessage());
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    }

    @Test
    void classifyAllKeepsInputOrder() {
        HashStore store = TestStores.random(7, 2000, 4);
        KnnClassifier classifier = KnnClassifier.of(store);
        Random random = new Random(7);
        List<MmdtHash> queries = new ArrayList<>();
        for (int q = 0; q < 300; q++) {
            queries.add(TestStores.query(store, random, 5));
        }
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            List<Classification> pooled = classifier.classifyAll(queries, executor);
            List<Classification> common = classifier.classifyAll(queries);

            for (int q = 0; q < queries.size(); q++) {
                assertEquals(classifier.classify(queries.get(q)), pooled.get(q), "query " + q);
                assertEquals(pooled.get(q), common.get(q), "query " + q);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void classifyAllRejectsNullQuery() {
        KnnClassifier classifier = KnnClassifier.of(new HashStore());
        List<MmdtHash> queries = new ArrayList<>();
        queries.add(MmdtHash.parse(CENTRE));
        queries.add(null);

        NullPointerException e = assertThrows(NullPointerException.class, () -> classifier.classifyAll(queries));

        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    }
}
