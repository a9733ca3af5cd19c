package io.mmdt.knn.classify;

import io.mmdt.core.MmdtSimilarity;
import io.mmdt.knn.store.HashStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns store positions and squared distances into a {@link Classification}. */
final class Classifications {

    private Classifications() {
    }

    /**
     * Returns the classification with the given verdict, nearest entry and neighbours.
     *
     * @param nearestPosition the store position of the nearest entry, or -1 for none
     * @param positions the neighbours' store positions, most similar first
     * @param distances the neighbours' squared distances, in the same order
     */
    static Classification of(HashStore store, String label, int nearestPosition, int nearestDistance,
            int[] positions, int[] distances) {
        Optional<Neighbour> nearest = nearestPosition < 0
                ? Optional.empty()
                : Optional.of(neighbour(store, nearestPosition, nearestDistance));
        List<Neighbour> similars = new ArrayList<>(positions.length);
        for (int i = 0; i < positions.length; i++) {
            similars.add(neighbour(store, positions[i], distances[i]));
        }
        return new Classification(label, nearest, shares(similars), similars);
    }

    /** Returns each label's share of the neighbours, in the order labels first appear. */
    static List<LabelShare> shares(List<Neighbour> neighbours) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Neighbour neighbour : neighbours) {
            counts.merge(neighbour.label(), 1, Integer::sum);
        }
        List<LabelShare> shares = new ArrayList<>(counts.size());
        counts.forEach((label, count) ->
                shares.add(new LabelShare(label, count, (double) count / neighbours.size())));
        return shares;
    }

    private static Neighbour neighbour(HashStore store, int position, int squaredDistance) {
        return new Neighbour(store.sampleId(position), store.label(position), store.hash(position),
                MmdtSimilarity.fromSquaredDistance(squaredDistance));
    }
}
