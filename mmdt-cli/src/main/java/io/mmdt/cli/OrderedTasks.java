package io.mmdt.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs one task per input file on a few threads and hands the results to a consumer in
 * input order, on the calling thread.
 */
final class OrderedTasks {

    private OrderedTasks() {
    }

    /**
     * Runs {@code task} for each item and passes each result to {@code consumer} in the
     * order of {@code items}. The task must catch its own errors and return them as part
     * of the result.
     */
    static <R> void run(List<FileWalker.Item> items, int threads, String threadName,
            Function<FileWalker.Item, R> task, BiConsumer<FileWalker.Item, R> consumer) {
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            // A small window of inputs in flight bounds the memory held by finished results.
            Deque<Future<R>> pending = new ArrayDeque<>();
            Deque<FileWalker.Item> pendingItems = new ArrayDeque<>();
            for (FileWalker.Item item : items) {
                pending.add(executor.submit(() -> task.apply(item)));
                pendingItems.add(item);
                if (pending.size() >= threads * 2) {
                    consumer.accept(pendingItems.poll(), await(pending.poll()));
                }
            }
            while (!pending.isEmpty()) {
                consumer.accept(pendingItems.poll(), await(pending.poll()));
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static <R> R await(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(MmdtCommand.EXIT_INPUT_FAILED, "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("task for one input failed", e.getCause());
        }
    }
}
