package io.mmdt.cli;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import io.mmdt.knn.unpack.ContainerHasher;
import io.mmdt.knn.unpack.MemberHash;
import io.mmdt.knn.unpack.MemberPath;
import io.mmdt.knn.unpack.UnpackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --unpack} mode of {@code mmdt hash}: prints a {@code HASH  PATH} line for each
 * member of each container, such as {@code a.zip!/lib/b.jar!/C.class}, then one for the
 * container itself. A file that is not a container gets its own line only.
 *
 * <p>Files are hashed on a few threads and printed in input order. A container that cannot
 * be unpacked keeps the lines of the members hashed before the failure and its own line,
 * gets an error line on standard error, and makes the exit code 1.
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
        // NOTE: each running task may hold up to UnpackLimits.maxDepth buffers of
        // maxBufferedBytes for a hostile input, so peak memory grows with the thread count.
        boolean[] failed = {false};
        OrderedTasks.run(items, threads, "mmdt-unpack", item -> hashOne(item, hasher), (item, result) -> {
            for (MemberHash hash : result.hashes()) {
                out.println(format(hash));
            }
            out.flush();
            if (result.error() != null) {
                err.println("mmdt: " + result.error());
                err.flush();
                failed[0] = true;
            }
        });
        return !failed[0];
    }

    private static final MmdtHasher OWN_HASHER = new MmdtHasher();

    private static FileResult hashOne(FileWalker.Item item, ContainerHasher hasher) {
        if (item.failed()) {
            return new FileResult(List.of(), DisplayPaths.of(item.path()) + ": " + item.error());
        }
        List<MemberHash> hashes = new ArrayList<>();
        try {
            hasher.hash(item.path(), hashes::add);
            return new FileResult(hashes, null);
        } catch (UnpackException e) {
            // The input's own hash does not depend on its members, so it is still printed. The
            // message already starts with the container's display path.
            try {
                MmdtHash own = OWN_HASHER.hash(item.path());
                hashes.add(new MemberHash(MemberPath.of(item.path().toString()), Files.size(item.path()), own));
            } catch (IOException | RuntimeException ignored) {
                // The unpack error already reports this input.
            }
            return new FileResult(hashes, UnpackLimitOptions.describe(e));
        } catch (IOException | RuntimeException e) {
            return new FileResult(hashes, DisplayPaths.of(item.path()) + ": " + ParallelHashing.describe(e));
        }
    }

    /** Returns the output line for one member: the hash, two spaces and the display path. */
    static String format(MemberHash hash) {
        return hash.hash() + "  " + hash.path();
    }
}
