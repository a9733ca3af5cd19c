package io.mmdt.knn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mmdt.core.MmdtHash;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StoreMaintenanceTest {

    private static final String SHA1 = "5e1f0c2d3a4b59687766554433221100ffeeddcc";

    @Property(tries = 200)
    void removeDuplicatesMatchesFirstOccurrenceOracle(@ForAll("entryListsWithRepeats") List<StoreEntry> entries) {
        List<StoreEntry> expected = new ArrayList<>(new LinkedHashSet<>(entries));

        HashStore result = StoreMaintenance.removeDuplicates(TestEntries.storeOf(entries));

        assertEquals(expected, toList(result));
    }

    @Provide
    Arbitrary<List<StoreEntry>> entryListsWithRepeats() {
        return TestEntries.entries().list().ofMaxSize(8)
                .flatMap(distinct -> distinct.isEmpty()
                        ? net.jqwik.api.Arbitraries.just(distinct)
                        : net.jqwik.api.Arbitraries.of(distinct).list().ofMaxSize(30));
    }

    @Property(tries = 200)
    void filterBySpreadKeepsStrictlyAbove(@ForAll("entryLists") List<StoreEntry> entries,
            @ForAll("thresholds") double minSpread) {
        List<StoreEntry> expected = entries.stream().filter(e -> e.hash().spread() > minSpread).toList();

        HashStore result = StoreMaintenance.filterBySpread(TestEntries.storeOf(entries), minSpread);

        assertEquals(expected, toList(result));
    }

    @Provide
    Arbitrary<List<StoreEntry>> entryLists() {
        return TestEntries.entries().list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<Double> thresholds() {
        return net.jqwik.api.Arbitraries.doubles().between(0, 120);
    }

    @Test
    void filterDropsSpreadEqualToThreshold() {
        // Main bytes 2..13 are 0 or 20 alternately, so the ten values that count are five 0s
        // and five 20s, whose sample standard deviation is sqrt(1000 / 9), about 10.54.
        MmdtHash hash = MmdtHash.parse("00000000:00000014001400140014001400140000");
        double spread = hash.spread();
        HashStore store = new HashStore();
        store.append(hash, "a", SHA1);

        assertEquals(0, StoreMaintenance.filterBySpread(store, spread).size());
        assertEquals(1, StoreMaintenance.filterBySpread(store, Math.nextDown(spread)).size());
    }

    @Test
    void mergeAppendsInOrder() {
        List<StoreEntry> first = TestEntries.random(1, 5, 2);
        List<StoreEntry> second = TestEntries.random(2, 4, 3);
        List<StoreEntry> expected = new ArrayList<>(first);
        expected.addAll(second);

        HashStore merged = StoreMaintenance.merge(TestEntries.storeOf(first), TestEntries.storeOf(second));

        assertEquals(expected, toList(merged));
    }

    @Test
    void labelCountsSortByCountThenLabel() {
        HashStore store = new HashStore();
        for (String label : List.of("b", "a", "c", "c", "a", "c", "d")) {
            store.append(MmdtHash.parse("00000000:00000000000000000000000000000000"), label, SHA1);
        }

        Map<String, Integer> counts = StoreMaintenance.labelCounts(store);

        assertEquals(List.of("c", "a", "b", "d"), List.copyOf(counts.keySet()));
        assertEquals(List.of(3, 2, 1, 1), List.copyOf(counts.values()));
    }

    private static List<StoreEntry> toList(HashStore store) {
        List<StoreEntry> out = new ArrayList<>();
        store.forEach(out::add);
        return out;
    }
}
