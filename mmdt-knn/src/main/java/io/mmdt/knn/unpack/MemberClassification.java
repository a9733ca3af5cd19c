package io.mmdt.knn.unpack;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.Neighbour;
import java.util.Objects;

/**
 * The classification of one container member, or of an input itself.
 *
 * @param path the member's path, such as {@code app.zip!/lib/b.jar}; at depth 0 for an input
 * @param hash the member's mmdt hash
 * @param classification the classifier's result for {@code hash}
 */
public record MemberClassification(MemberPath path, MmdtHash hash, Classification classification) {

    /**
     * Creates a member classification.
     *
     * @throws NullPointerException if an argument is null
     */
    public MemberClassification {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(classification, "classification");
    }

    /**
     * Returns the similarity of the nearest stored entry, or -1 when the classifier had no
     * candidate, so that any match ranks above no match.
     */
    public double nearestSimilarity() {
        return classification.nearest().map(Neighbour::similarity).orElse(-1.0);
    }
}
