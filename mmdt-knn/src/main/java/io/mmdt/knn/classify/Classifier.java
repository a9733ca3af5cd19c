package io.mmdt.knn.classify;

import io.mmdt.core.MmdtHash;

/**
 * Answers "which labelled samples is this hash most like?" for one query hash.
 *
 * <p>Implementations are thread-safe: one instance serves concurrent queries.
 */
public interface Classifier {

    /**
     * Classifies one hash against the classifier's store.
     *
     * @throws NullPointerException if {@code query} is null
     */
    Classification classify(MmdtHash query);
}
