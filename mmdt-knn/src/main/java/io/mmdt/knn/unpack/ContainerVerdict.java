package io.mmdt.knn.unpack;

import java.util.Objects;

/**
 * The verdict on an input that may be a container: the classification of the input itself
 * and of the member most similar to a stored entry.
 *
 * <p>The deciding member is the one whose nearest stored entry has the highest similarity,
 * the input itself included. Ties go to the member that came first, and when no member
 * had a candidate at all the input itself decides. For an input that is not a container,
 * both fields are the input's own classification.
 *
 * @param input the classification of the input's own bytes
 * @param deciding the classification that gives the verdict, whose path names the member
 */
public record ContainerVerdict(MemberClassification input, MemberClassification deciding) {

    /**
     * Creates a verdict.
     *
     * @throws NullPointerException if an argument is null
     */
    public ContainerVerdict {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(deciding, "deciding");
    }

    /** Returns the verdict's label: the label of the {@linkplain #deciding() deciding} member. */
    public String label() {
        return deciding.classification().label();
    }
}
