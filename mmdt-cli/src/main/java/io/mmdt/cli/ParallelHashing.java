package io.mmdt.cli;

import io.mmdt.core.MmdtHash;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Hashes files on a few threads and hands the results back in input order, keeping at most a
 * few files in flight so that memory does not grow with the number of files.
 */
final class ParallelHashing {

    /** A file's hash, or the error message that explains why it has none. */
    record Result(MmdtHash hash, String error) {
    }

    /** A function that hashes one file. */
    interface FileHashFunction {
        MmdtHash hash(Path path) throws IOException;
    }

    private ParallelHashing() {
    }

    static void run(List<FileWalker.Item> items, int threads, FileHashFunction function,
            BiConsumer<FileWalker.Item, Result> consumer) {
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "mmdt-hash");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<Result>> pending = new ArrayDeque<>();
            Deque<FileWalker.Item> pendingItems = new ArrayDeque<>();
            int window = threads * 4;
            for (FileWalker.Item item : items) {
                pending.add(executor.submit(() -> hashOne(item, function)));
                pendingItems.add(item);
                if (pending.size() >= window) {
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

    private static Result hashOne(FileWalker.Item item, FileHashFunction function) {
        if (item.failed()) {
            return new Result(null, item.error());
        }
        try {
            return new Result(function.hash(item.path()), null);
        } catch (IOException | RuntimeException e) {
            return new Result(null, describe(e));
        }
    }

    /** Returns a one-line description of why a file could not be hashed. */
    static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static Result await(Future<Result> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(MmdtCommand.EXIT_INPUT_FAILED, "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing task failed", e.getCause());
        }
    }
}
