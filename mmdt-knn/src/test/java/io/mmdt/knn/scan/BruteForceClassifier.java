package io.mmdt.knn.scan;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.Classifier;
import io.mmdt.knn.classify.LabelShare;
import io.mmdt.knn.classify.Neighbour;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A KNN classifier for tests: compares the query with every entry, sorts by similarity and
 * keeps up to {@code k} entries above the threshold. It counts its calls per query hash.
 */
final class BruteForceClassifier implements Classifier {

    /** One labelled entry of the test store. */
    record Entry(String sampleId, String label, MmdtHash hash) {
    }

    private final List<Entry> entries;
    private final double threshold;
    private final int k;
    private final Map<MmdtHash, AtomicInteger> calls = new ConcurrentHashMap<>();

    BruteForceClassifier(List<Entry> entries, double threshold, int k) {
        this.entries = List.copyOf(entries);
        this.threshold = threshold;
        this.k = k;
    }

    BruteForceClassifier(List<Entry> entries) {
        this(entries, 0.95, 10);
    }

    @Override
    public Classification classify(MmdtHash query) {
        calls.computeIfAbsent(query, q -> new AtomicInteger()).incrementAndGet();

        List<Neighbour> all = new ArrayList<>();
        for (Entry entry : entries) {
            all.add(new Neighbour(entry.sampleId(), entry.label(), entry.hash(), query.similarity(entry.hash())));
        }
        all.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        if (all.isEmpty()) {
            return new Classification(Classification.UNKNOWN, Optional.empty(), List.of(), List.of());
        }

        List<Neighbour> similars = new ArrayList<>();
        for (Neighbour neighbour : all) {
            if (similars.size() == k || neighbour.similarity() <= threshold) {
                break;
            }
            similars.add(neighbour);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Neighbour neighbour : similars) {
            counts.merge(neighbour.label(), 1, Integer::sum);
        }
        List<LabelShare> labels = new ArrayList<>();
        counts.forEach((label, count) -> labels.add(new LabelShare(label, count, (double) count / similars.size())));
        return new Classification(all.get(0).label(), Optional.of(all.get(0)), labels, similars);
    }

    /** Returns how often {@link #classify} ran for this hash. */
    int calls(MmdtHash query) {
        AtomicInteger count = calls.get(query);
        return count == null ? 0 : count.get();
    }

    /** Returns the number of distinct hashes classified. */
    int distinctQueries() {
        return calls.size();
    }

    /** Returns the total number of calls. */
    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
