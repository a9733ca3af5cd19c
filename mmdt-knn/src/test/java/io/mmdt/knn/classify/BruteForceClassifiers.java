package io.mmdt.knn.classify;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.store.HashStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The obviously correct twins of the two classifiers: compute the similarity of every
 * candidate as a double, stable-sort, filter by {@code similarity > threshold}, take k.
 */
final class BruteForceClassifiers {

    private BruteForceClassifiers() {
    }

    static Classification knn(HashStore store, MmdtHash query, int k, double threshold) {
        List<Neighbour> all = new ArrayList<>();
        for (int position = 0; position < store.size(); position++) {
            all.add(neighbour(store, position, query));
        }
        List<Neighbour> ranked = rank(all);
        List<Neighbour> similars = keep(ranked, k, threshold);
        String label = ranked.isEmpty() ? Classification.UNKNOWN : ranked.get(0).label();
        return new Classification(label, ranked.stream().findFirst(), shares(similars), similars);
    }

    static Classification simple(HashStore store, MmdtHash query, int k, double threshold) {
        List<Neighbour> candidates = new ArrayList<>();
        for (int position = 0; position < store.size(); position++) {
            if (store.index(position) == query.index()) {
                candidates.add(neighbour(store, position, query));
            }
        }
        List<Neighbour> ranked = rank(candidates);
        List<Neighbour> similars = keep(ranked, k, threshold);
        String label = similars.isEmpty() ? Classification.UNKNOWN : similars.get(0).label();
        Optional<Neighbour> nearest = ranked.stream().findFirst();
        return new Classification(label, nearest, shares(similars), similars);
    }

    private static Neighbour neighbour(HashStore store, int position, MmdtHash query) {
        MmdtHash hash = store.hash(position);
        return new Neighbour(store.sampleId(position), store.label(position), hash, hash.similarity(query));
    }

    /** Sorts by similarity, most similar first; List.sort is stable, so ties stay in store order. */
    private static List<Neighbour> rank(List<Neighbour> neighbours) {
        List<Neighbour> ranked = new ArrayList<>(neighbours);
        ranked.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return ranked;
    }

    private static List<Neighbour> keep(List<Neighbour> ranked, int k, double threshold) {
        return ranked.stream().filter(n -> n.similarity() > threshold).limit(k).toList();
    }

    private static List<LabelShare> shares(List<Neighbour> similars) {
        List<LabelShare> shares = new ArrayList<>();
        for (Neighbour neighbour : similars) {
            if (shares.stream().noneMatch(share -> share.label().equals(neighbour.label()))) {
                long count = similars.stream().filter(n -> n.label().equals(neighbour.label())).count();
                shares.add(new LabelShare(neighbour.label(), (int) count, (double) count / similars.size()));
            }
        }
        return shares;
    }
}
