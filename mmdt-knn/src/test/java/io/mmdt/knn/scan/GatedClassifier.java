package io.mmdt.knn.scan;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.Classifier;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A classifier for tests that blocks every call until the test opens its gate, and
 * returns a fixed label. Tests use it to hold tasks in the queue.
 */
final class GatedClassifier implements Classifier {

    private final String label;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final Semaphore started = new Semaphore(0);

    GatedClassifier(String label) {
        this.label = label;
    }

    @Override
    public Classification classify(MmdtHash query) {
        started.release();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the test gate", e);
        }
        return new Classification(label, Optional.empty(), List.of(), List.of());
    }

    /** Lets every blocked and future call return. */
    void open() {
        gate.countDown();
    }

    /** Waits until {@code calls} calls have started, so the tasks are known to be running. */
    void awaitStarted(int calls) throws InterruptedException {
        if (!started.tryAcquire(calls, 10, TimeUnit.SECONDS)) {
            throw new AssertionError("expected " + calls + " classify calls to start");
        }
    }
}
