package io.mmdt.knn.scan;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.classify.Classification;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One sample waiting for classification or being classified. The future completes with
 * the result, or exceptionally if the classifier threw or the service closed first.
 */
final class ScanTask {

    /**
     * The identity of a task and of a cached result: the sample's SHA-1 in lower case and its
     * mmdt hash. The result depends on the hash alone. The SHA-1 keeps one task per sample, as
     * the protocol promises. The hash keeps a client that sends a wrong hash for a known SHA-1
     * from changing the cached result that other clients get for that SHA-1.
     */
    record Key(String sha1, MmdtHash mmdt) {

        static Key of(ScanRequest request) {
            return new Key(request.sha1().toLowerCase(Locale.ROOT), MmdtHash.parse(request.mmdt()));
        }
    }

    final Key key;

    /** Position in the order of arrival: the number of tasks queued before this one. */
    final long ticket;

    final CompletableFuture<Classification> result = new CompletableFuture<>();

    /** Whether a worker has taken the task off the queue; guarded by the service's lock. */
    boolean running;

    ScanTask(Key key, long ticket) {
        this.key = key;
        this.ticket = ticket;
    }
}
