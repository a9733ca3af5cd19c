package io.mmdt.cli;

import io.mmdt.knn.unpack.ContainerHasher;
import io.mmdt.knn.unpack.MemberHash;
import io.mmdt.knn.unpack.UnpackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@code --unpack} mode of {@code mmdt hash}: prints a {@code HASH  PATH} line for each
 * member of each container, such as {@code a.zip!/lib/b.jar!/C.class}, then one for the
 * container itself. A file that is not a container gets its own line only.
 *
 * <p>Files are hashed on a few threads and printed in input order. A container that cannot
 * be unpacked keeps the lines of the members hashed before the failure, gets an error line
 * on standard error instead of its own line, and makes the exit code 1.
 */
final class UnpackedHashing {

    /** The hashes of one file's members and of the file, or the error that stopped them. */
    private record FileResult(List<MemberHash> hashes, String error) {
    }

    private UnpackedHashing() {
    }

    /** Hashes every item, prints the results and returns whether all of them succeeded. */
    static boolean run(List<FileWalker.Item> items, int threads, ContainerHasher hasher,
            PrintWriter out, PrintWriter err) {
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "mmdt-unpack");
            thread.setDaemon(true);
            return thread;
        });
        // NOTE: each running task may hold up to UnpackLimits.maxDepth buffers of
        // maxBufferedBytes for a hostile input, so peak memory grows with the thread count.
        boolean allSucceeded = true;
        try {
            // A small window of files in flight bounds the memory held by finished results.
            Deque<Future<FileResult>> pending = new ArrayDeque<>();
            Deque<FileWalker.Item> pendingItems = new ArrayDeque<>();
            for (FileWalker.Item item : items) {
                pending.add(executor.submit(() -> hashOne(item, hasher)));
                pendingItems.add(item);
                if (pending.size() >= threads * 2) {
                    allSucceeded &= print(pendingItems.poll(), await(pending.poll()), out, err);
                }
            }
            while (!pending.isEmpty()) {
                allSucceeded &= print(pendingItems.poll(), await(pending.poll()), out, err);
            }
        } finally {
            executor.shutdownNow();
        }
        return allSucceeded;
    }

    private static FileResult hashOne(FileWalker.Item item, ContainerHasher hasher) {
        if (item.failed()) {
            return new FileResult(List.of(), item.path() + ": " + item.error());
        }
        List<MemberHash> hashes = new ArrayList<>();
        try {
            hasher.hash(item.path(), hashes::add);
            return new FileResult(hashes, null);
        } catch (UnpackException e) {
            // The message already starts with the container's display path.
            return new FileResult(hashes, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new FileResult(hashes, item.path() + ": " + ParallelHashing.describe(e));
        }
    }

    private static boolean print(FileWalker.Item item, FileResult result, PrintWriter out, PrintWriter err) {
        for (MemberHash hash : result.hashes()) {
            out.println(format(hash));
        }
        out.flush();
        if (result.error() != null) {
            err.println("mmdt: " + result.error());
            err.flush();
            return false;
        }
        return true;
    }

    /** Returns the output line for one member: the hash, two spaces and the display path. */
    static String format(MemberHash hash) {
        return hash.hash() + "  " + hash.path();
    }

    private static FileResult await(Future<FileResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(MmdtCommand.EXIT_INPUT_FAILED, "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("unpacking task failed", e.getCause());
        }
    }
}
