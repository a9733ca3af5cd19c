package io.mmdt.knn.classify;

import io.mmdt.core.MmdtHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Runs {@link Classifier#classifyAll(List, Executor)}: splits the queries into chunks, one task each. */
final class BatchClassification {

    /** Chunks per available processor, so that a slow chunk does not leave the others idle. */
    private static final int CHUNKS_PER_PROCESSOR = 4;

    private BatchClassification() {
    }

    static List<Classification> run(Classifier classifier, List<MmdtHash> queries, Executor executor) {
        Objects.requireNonNull(executor, "executor");
        MmdtHash[] input = queries.toArray(new MmdtHash[0]);
        for (int i = 0; i < input.length; i++) {
            if (input[i] == null) {
                throw new NullPointerException("queries contains null at index " + i);
            }
        }
        Classification[] results = new Classification[input.length];
        int chunks = Runtime.getRuntime().availableProcessors() * CHUNKS_PER_PROCESSOR;
        int chunkSize = Math.max(1, (input.length + chunks - 1) / chunks);

        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (int start = 0; start < input.length; start += chunkSize) {
            int from = start;
            int to = Math.min(input.length, start + chunkSize);
            tasks.add(CompletableFuture.runAsync(() -> {
                for (int i = from; i < to; i++) {
                    results[i] = classifier.classify(input[i]);
                }
            }, executor));
        }
        try {
            CompletableFuture.allOf(tasks.toArray(new CompletableFuture<?>[0])).join();
        } catch (CompletionException e) {
            // Rethrow what the classifier threw, so callers see the same exception as from classify.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
        return List.of(results);
    }
}
