package io.mmdt.knn.classify;

import io.mmdt.core.MmdtHash;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Finds the labelled samples that one query hash is most like, and their labels.
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

    /**
     * Classifies many hashes in parallel on the common {@link ForkJoinPool}; the results are
     * in the order of {@code queries}.
     *
     * @throws NullPointerException if {@code queries} or any element is null
     */
    default List<Classification> classifyAll(List<MmdtHash> queries) {
        return classifyAll(queries, ForkJoinPool.commonPool());
    }

    /**
     * Classifies many hashes in parallel on {@code executor}; the results are in the order of
     * {@code queries}. The calling thread waits until every query is done.
     *
     * @throws NullPointerException if {@code queries}, any element or {@code executor} is null
     * @throws java.util.concurrent.CancellationException if the executor cancels a task
     */
    default List<Classification> classifyAll(List<MmdtHash> queries, Executor executor) {
        return BatchClassification.run(this, queries, executor);
    }
}
