package io.mmdt.knn.classify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of classifying one hash.
 *
 * @param label the verdict: for the KNN classifier, the label of the single nearest stored
 *     entry even when its similarity is not above the threshold; for the simple classifier,
 *     the label of the most similar entry above the threshold; {@value #UNKNOWN} when there
 *     is no such entry
 * @param nearest the single nearest stored entry, above the threshold or not; empty when no
 *     entry was a candidate (an empty store, or no entry sharing the index for the simple
 *     classifier)
 * @param labels for each distinct label among {@code similars}, its share, in the order the
 *     labels first appear in {@code similars}
 * @param similars the returned neighbours, all strictly above the threshold, most similar
 *     first; empty when nothing passed
 */
public record Classification(
        String label, Optional<Neighbour> nearest, List<LabelShare> labels, List<Neighbour> similars) {

    /** The label reported when no stored entry qualifies. */
    public static final String UNKNOWN = "unknown";

    public Classification {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(nearest, "nearest");
        labels = List.copyOf(labels);
        similars = List.copyOf(similars);
    }

    /** Returns whether at least one neighbour is above the threshold. */
    public boolean matched() {
        return !similars.isEmpty();
    }
}
