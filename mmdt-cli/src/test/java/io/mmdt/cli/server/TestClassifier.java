package io.mmdt.cli.server;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.Classifier;
import io.mmdt.knn.classify.LabelShare;
import io.mmdt.knn.classify.Neighbour;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A classifier for server tests: every query is its own single neighbour with label
 * {@code "family-" + index}, similarity 1.0. A classifier made by {@link #blocked()} blocks every call until
 * {@link #openGate()}. Calls are counted per hash.
 */
final class TestClassifier implements Classifier {

    private final CountDownLatch gate;
    private final Map<MmdtHash, AtomicInteger> calls = new ConcurrentHashMap<>();

    private TestClassifier(boolean blocked) {
        this.gate = new CountDownLatch(blocked ? 1 : 0);
    }

    static TestClassifier unblocked() {
        return new TestClassifier(false);
    }

    static TestClassifier blocked() {
        return new TestClassifier(true);
    }

    @Override
    public Classification classify(MmdtHash query) {
        calls.computeIfAbsent(query, q -> new AtomicInteger()).incrementAndGet();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the test gate", e);
        }
        String label = "family-" + query.index();
        Neighbour self = new Neighbour("sample-" + query.index(), label, query, 1.0);
        return new Classification(label, Optional.of(self), List.of(new LabelShare(label, 1, 1.0)), List.of(self));
    }

    /** Lets every blocked and future call return. */
    void openGate() {
        gate.countDown();
    }

    int calls(MmdtHash query) {
        AtomicInteger count = calls.get(query);
        return count == null ? 0 : count.get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
