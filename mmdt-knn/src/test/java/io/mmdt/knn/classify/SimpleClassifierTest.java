package io.mmdt.knn.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtSimilarity;
import io.mmdt.knn.store.HashStore;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SimpleClassifierTest {

    @Property(tries = 150)
    void equalsFilterAndSort(
            @ForAll long seed,
            @ForAll("storeSizes") int size,
            @ForAll @IntRange(min = 1, max = 6) int alphabetSize,
            @ForAll @IntRange(min = 1, max = 20) int k,
            @ForAll("thresholds") double threshold) {
        HashStore store = TestStores.random(seed, size, alphabetSize);
        SimpleClassifier classifier = SimpleClassifier.builder(store).k(k).threshold(threshold).build();
        Random random = new Random(seed);

        for (int q = 0; q < 10; q++) {
            MmdtHash query = TestStores.query(store, random, alphabetSize + 1);
            assertEquals(BruteForceClassifiers.simple(store, query, k, threshold), classifier.classify(query),
                    () -> "query " + query);
        }
    }

    @Provide
    Arbitrary<Integer> storeSizes() {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, 2), Arbitraries.integers().between(3, 3000));
    }

    @Provide
    Arbitrary<Double> thresholds() {
        return Arbitraries.oneOf(
                Arbitraries.of(0.0, 1.0, 0.95),
                Arbitraries.integers().between(0, 3000).map(MmdtSimilarity::fromSquaredDistance),
                Arbitraries.doubles().between(0, 1));
    }

    @Test
    void mostSimilarWinsOverStoreOrder() {
        HashStore store = new HashStore();
        for (int i = 0; i < 12; i++) {
            store.append(MmdtHash.parse("0A0B0C0D:10101010101010101010101010101014"), "early", "e" + i);
        }
        store.append(MmdtHash.parse("0A0B0C0D:10101010101010101010101010101010"), "exact", "x");

        Classification result = SimpleClassifier.of(store).classify(MmdtHash.parse("0A0B0C0D:10101010101010101010101010101010"));

        assertEquals("exact", result.label());
        assertEquals(10, result.similars().size());
        assertEquals(1.0, result.similars().get(0).similarity());
        assertEquals("e0", result.similars().get(1).sampleId());
    }

    @Test
    void otherIndexIsNoCandidate() {
        HashStore store = new HashStore();
        store.append(MmdtHash.parse("0A0B0C0D:10101010101010101010101010101010"), "virlock", "a");

        Classification result = SimpleClassifier.of(store).classify(MmdtHash.parse("0A0B0C0E:10101010101010101010101010101010"));

        assertEquals(Classification.UNKNOWN, result.label());
        assertTrue(result.nearest().isEmpty());
        assertTrue(result.similars().isEmpty());
    }

    @Test
    void belowThresholdGivesUnknownWithNearest() {
        HashStore store = new HashStore();
        store.append(MmdtHash.parse("0A0B0C0D:FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"), "virlock", "a");

        Classification result = SimpleClassifier.of(store).classify(MmdtHash.parse("0A0B0C0D:10101010101010101010101010101010"));

        assertEquals(Classification.UNKNOWN, result.label());
        assertEquals("a", result.nearest().orElseThrow().sampleId());
        assertEquals(List.of(), result.similars());
    }

    @Test
    void rejectsInvalidOptions() {
        SimpleClassifier.Builder builder = SimpleClassifier.builder(new HashStore());

        assertThrows(IllegalArgumentException.class, () -> builder.k(-3));
        assertThrows(IllegalArgumentException.class, () -> builder.threshold(-0.1));
    }
}
