package io.mmdt.knn.scan;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.Classifier;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online scan service: classifies samples from their client-computed mmdt hashes, in
 * the background, with a bounded queue and a bounded result cache.
 *
 * <p>{@link #submit(ScanRequest)} never blocks on classification. A cached result is
 * returned at once with status {@link ScanStatus#DONE}. Otherwise the sample becomes a
 * <em>task</em> on a FIFO queue, and the reply has status {@link ScanStatus#QUEUED} and the
 * number of tasks ahead of it; the client sends the same request again later. A task is
 * identified by the sample's SHA-1 (case-insensitive) together with its mmdt hash. A second
 * request for a sample that is already queued or being classified does not queue it again
 * but reports its current position. Worker threads take tasks in order, classify them and
 * cache the result.
 *
 * <p>Bounds: the queue holds at most {@code queueCapacity} tasks, and when it is full
 * {@code submit} returns {@link ScanStatus#QUEUE_FULL} and queues nothing. The cache holds at
 * most {@code cacheMaxEntries} results, each for at most {@code cacheExpiry} after it was
 * written. Cached results are returned even while the queue is full.
 *
 * <p>{@link #replaceClassifier(Classifier)} swaps the classifier, for example after the
 * store was reloaded, while the service runs. Queued tasks stay queued and are classified
 * with the new classifier, and every cached result is dropped. A task that a worker was
 * classifying with the old classifier during the swap is classified again with the new one.
 *
 * <p>{@link #close()} stops the service: see there for what happens to queued tasks.
 *
 * <p>Instances are thread-safe. Requests are validated: a missing field or a malformed
 * md5, sha1 or mmdt hash gets an error status, never an exception.
 *
 * <pre>{@code
 * try (ScanService service = ScanService.builder(classifier).workers(2).build()) {
 *     ScanReply reply = service.scan(request, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class ScanService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScanService.class);

    private final int queueCapacity;
    private final Cache<ScanTask.Key, Classification> cache;
    /** Every worker started, including stopped ones that were replaced. Guarded by lock after construction. */
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger workerNumbers = new AtomicInteger();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition taskQueued = lock.newCondition();

    // Guarded by lock.
    private final ArrayDeque<ScanTask> queue = new ArrayDeque<>();
    /** Every task that is queued or running, so at most queueCapacity + workers entries. */
    private final Map<ScanTask.Key, ScanTask> pending = new HashMap<>();
    private long queuedCount;
    private long takenCount;
    private Classifier classifier;
    /** Incremented by every classifier swap; a result is cached only under the generation it was computed in. */
    private long generation;
    private boolean closed;

    private ScanService(Builder builder) {
        this.queueCapacity = builder.queueCapacity;
        this.classifier = builder.classifier;
        this.cache = CacheBuilder.newBuilder()
                .maximumSize(builder.cacheMaxEntries)
                .expireAfterWrite(builder.cacheExpiry)
                .ticker(builder.ticker)
                .build();
        for (int i = 0; i < builder.workers; i++) {
            workers.add(newWorker());
        }
        workers.forEach(Thread::start);
        log.info("scan service started: {} workers, queue capacity {}, cache max {} entries for {}",
                builder.workers, queueCapacity, builder.cacheMaxEntries, builder.cacheExpiry);
    }

    /**
     * Returns a builder for a service that classifies with {@code classifier}.
     *
     * @throws NullPointerException if {@code classifier} is null
     */
    public static Builder builder(Classifier classifier) {
        return new Builder(classifier);
    }

    /**
     * Submits a request without waiting for classification. Returns the cached result, or
     * the position of the sample's task in the queue (queuing the task if it is not yet
     * queued), or an error status for an invalid request, a full queue or a closed service.
     *
     * @throws NullPointerException if {@code request} is null
     */
    public ScanReply submit(ScanRequest request) {
        return enqueue(request).reply();
    }

    /**
     * Submits a request like {@link #submit(ScanRequest)}, but waits up to {@code timeout}
     * for a queued task to finish. Returns a {@link ScanStatus#QUEUED} reply with the task's
     * current position if it is still not done by then.
     *
     * @throws NullPointerException if an argument is null
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public ScanReply scan(ScanRequest request, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        Submission submission = enqueue(request);
        if (submission.task().isEmpty()) {
            return submission.reply();
        }
        try {
            Classification result = submission.task().get().result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return ScanReply.done(request, result);
        } catch (TimeoutException e) {
            return submit(request);
        } catch (ExecutionException | CancellationException e) {
            return failureReply(request, e);
        }
    }

    /**
     * Submits a request and returns a future that completes when its task is finished. It
     * completes with a {@link ScanStatus#DONE} reply, or with an error reply if the
     * classifier failed or the service closed first. The future is already complete when the result was cached or the
     * request was rejected. It never completes exceptionally.
     *
     * @throws NullPointerException if {@code request} is null
     */
    public CompletableFuture<ScanReply> scanAsync(ScanRequest request) {
        Submission submission = enqueue(request);
        if (submission.task().isEmpty()) {
            return CompletableFuture.completedFuture(submission.reply());
        }
        return submission.task().get().result.handle((result, error) ->
                error == null ? ScanReply.done(request, result) : failureReply(request, error));
    }

    /**
     * Replaces the classifier, for example after the store was reloaded. Queued tasks are
     * kept and classified with the new classifier, every cached result is dropped, and a
     * result that a worker computes with the old classifier after this call is discarded and
     * computed again.
     *
     * @throws NullPointerException if {@code newClassifier} is null
     */
    public void replaceClassifier(Classifier newClassifier) {
        Objects.requireNonNull(newClassifier, "newClassifier");
        long newGeneration;
        lock.lock();
        try {
            classifier = newClassifier;
            newGeneration = ++generation;
            cache.invalidateAll();
        } finally {
            lock.unlock();
        }
        log.info("scan service classifier replaced (generation {}); cached results dropped", newGeneration);
    }

    /** Returns the number of tasks waiting in the queue, not counting those being classified. */
    public int queuedTasks() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the service. Requests submitted afterwards get {@link ScanStatus#SHUT_DOWN}
     * unless their result is cached. Tasks still waiting in the queue are discarded: they are
     * never classified, their futures complete with a {@code SHUT_DOWN} reply, and their
     * number is logged. Tasks being classified are finished and cached; this method waits for
     * them. Calling it again does nothing.
     */
    @Override
    public void close() {
        List<ScanTask> discarded;
        List<Thread> toJoin;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            toJoin = List.copyOf(workers);
            discarded = new ArrayList<>(queue);
            queue.clear();
            for (ScanTask task : discarded) {
                pending.remove(task.key);
            }
            taskQueued.signalAll();
        } finally {
            lock.unlock();
        }

        for (ScanTask task : discarded) {
            task.result.completeExceptionally(new CancellationException("the scan service was closed"));
        }
        if (!discarded.isEmpty()) {
            log.warn("scan service closed with {} queued tasks; they were discarded unclassified", discarded.size());
        }

        boolean interrupted = false;
        for (Thread worker : toJoin) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    // Keep waiting so that close() keeps its promise, and restore the flag after.
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        log.info("scan service stopped");
    }

    private Submission enqueue(ScanRequest request) {
        Objects.requireNonNull(request, "request");
        Optional<ScanReply> invalid = ScanRequestValidator.validate(request);
        if (invalid.isPresent()) {
            return new Submission(invalid.get(), Optional.empty());
        }

        ScanTask.Key key = ScanTask.Key.of(request);
        Classification cached = cache.getIfPresent(key);
        if (cached != null) {
            return new Submission(ScanReply.done(request, cached), Optional.empty());
        }

        lock.lock();
        try {
            ScanTask waiting = pending.get(key);
            if (waiting != null) {
                return new Submission(queuedReply(request, waiting), Optional.of(waiting));
            }
            // A worker caches its result before it leaves pending, so look again now that the
            // task is known not to be pending.
            cached = cache.getIfPresent(key);
            if (cached != null) {
                return new Submission(ScanReply.done(request, cached), Optional.empty());
            }
            if (closed) {
                return new Submission(ScanReply.error(request, ScanStatus.SHUT_DOWN,
                        "the scan service is shutting down and accepts no new samples"), Optional.empty());
            }
            if (queue.size() >= queueCapacity) {
                return new Submission(ScanReply.error(request, ScanStatus.QUEUE_FULL,
                        "the task queue is full (" + queueCapacity + " tasks); send the request again later"),
                        Optional.empty());
            }

            ScanTask task = new ScanTask(key, queuedCount++);
            queue.addLast(task);
            pending.put(key, task);
            taskQueued.signal();
            return new Submission(queuedReply(request, task), Optional.of(task));
        } finally {
            lock.unlock();
        }
    }

    /** Must be called with the lock held. */
    private ScanReply queuedReply(ScanRequest request, ScanTask task) {
        // The queue is FIFO and, until close() empties it, only workers remove tasks, from its
        // head. So the tasks ahead of this one are those queued before it and not yet taken.
        int ahead = task.running ? 0 : (int) (task.ticket - takenCount);
        return ScanReply.queued(request, ahead, task.running);
    }

    private void runWorker() {
        while (true) {
            ScanTask task;
            Classifier current;
            long currentGeneration;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    taskQueued.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                task = queue.removeFirst();
                takenCount++;
                task.running = true;
                current = classifier;
                currentGeneration = generation;
            } finally {
                lock.unlock();
            }
            classify(task, current, currentGeneration);
        }
    }

    private void classify(ScanTask task, Classifier current, long currentGeneration) {
        while (true) {
            Classification result;
            try {
                result = current.classify(task.key.mmdt());
            } catch (RuntimeException | Error e) {
                fail(task, e);
                if (e instanceof Error error) {
                    // After an Error such as OutOfMemoryError this thread's state cannot be
                    // trusted, so the thread ends. A new worker takes its place.
                    replaceWorker(error);
                    throw error;
                }
                return;
            }

            lock.lock();
            try {
                if (currentGeneration != generation) {
                    // The classifier was replaced while this task ran: classify it again.
                    current = classifier;
                    currentGeneration = generation;
                    continue;
                }
                cache.put(task.key, result);
                pending.remove(task.key);
            } finally {
                lock.unlock();
            }
            task.result.complete(result);
            return;
        }
    }

    private Thread newWorker() {
        Thread worker = new Thread(this::runWorker, "mmdt-scan-worker-" + workerNumbers.getAndIncrement());
        worker.setDaemon(true);
        return worker;
    }

    /** Starts a worker in place of the current one, which is about to end with {@code error}. */
    private void replaceWorker(Error error) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            Thread replacement = newWorker();
            // The ending thread leaves the list, so repeated Errors do not make it grow.
            workers.remove(Thread.currentThread());
            workers.add(replacement);
            replacement.start();
            log.error("scan worker {} stopped by {}; started {} in its place",
                    Thread.currentThread().getName(), error, replacement.getName());
        } finally {
            lock.unlock();
        }
    }

    private void fail(ScanTask task, Throwable error) {
        lock.lock();
        try {
            pending.remove(task.key);
        } finally {
            lock.unlock();
        }
        log.warn("classification failed for sample sha1={} mmdt={}", task.key.sha1(), task.key.mmdt(), error);
        task.result.completeExceptionally(error);
    }

    private static ScanReply failureReply(ScanRequest request, Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException) {
            return ScanReply.error(request, ScanStatus.SHUT_DOWN,
                    "the scan service shut down before the sample was classified");
        }
        return ScanReply.error(request, ScanStatus.CLASSIFICATION_FAILED,
                "classification failed: " + cause);
    }

    /** A reply, and the task it refers to when the request was queued or already pending. */
    private record Submission(ScanReply reply, Optional<ScanTask> task) {
    }

    /** Options of a {@link ScanService}; every setter rejects values out of range. */
    public static final class Builder {

        private final Classifier classifier;
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int queueCapacity = 10_000;
        private long cacheMaxEntries = 100_000;
        private Duration cacheExpiry = Duration.ofHours(1);
        private Ticker ticker = Ticker.systemTicker();

        private Builder(Classifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
        }

        /**
         * Sets the number of worker threads that classify tasks; default: the number of
         * available processors.
         *
         * @throws IllegalArgumentException if {@code workers} is not positive
         */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * Sets the maximum number of tasks waiting in the queue, not counting those being
         * classified; default 10,000.
         *
         * @throws IllegalArgumentException if {@code capacity} is not positive
         */
        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * Sets the maximum number of cached results; default 100,000. The cache may evict
         * entries shortly before it reaches this size.
         *
         * @throws IllegalArgumentException if {@code maxEntries} is negative
         */
        public Builder cacheMaxEntries(long maxEntries) {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("cache max entries must not be negative, got " + maxEntries);
            }
            this.cacheMaxEntries = maxEntries;
            return this;
        }

        /**
         * Sets how long a result stays cached after it was computed; default one hour.
         *
         * @throws IllegalArgumentException if {@code expiry} is zero or negative
         */
        public Builder cacheExpiry(Duration expiry) {
            Objects.requireNonNull(expiry, "expiry");
            if (expiry.isNegative() || expiry.isZero()) {
                throw new IllegalArgumentException("cache expiry must be positive, got " + expiry);
            }
            this.cacheExpiry = expiry;
            return this;
        }

        /** Sets the clock of the cache's expiry, so that tests can advance time. */
        Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Creates the service and starts its worker threads. */
        public ScanService build() {
            return new ScanService(this);
        }
    }
}
