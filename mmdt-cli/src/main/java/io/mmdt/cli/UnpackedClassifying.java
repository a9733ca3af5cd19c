package io.mmdt.cli;

import io.mmdt.knn.unpack.ContainerClassifier;
import io.mmdt.knn.unpack.ContainerVerdict;
import io.mmdt.knn.unpack.MemberClassification;
import io.mmdt.knn.unpack.UnpackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --unpack} mode of {@code mmdt classify}: prints a result for each member of
 * each container, with the member's display path as its input, then the container's own
 * result with the verdict of its most similar member (see {@link ContainerVerdict}).
 *
 * <p>Files are classified on a few threads and printed in input order. A container that
 * cannot be unpacked keeps the results of the members before the failure, gets an error
 * line on standard error instead of its own result, and makes the exit code 1.
 */
final class UnpackedClassifying {

    /** The results for one file's members and the file, or the error that stopped them. */
    private record FileResult(List<MemberClassification> members, ContainerVerdict verdict, String error) {
    }

    private UnpackedClassifying() {
    }

    /** Classifies every item, prints the results and returns whether all of them succeeded. */
    static boolean run(List<FileWalker.Item> items, int threads, ContainerClassifier classifier,
            ClassificationPrinter printer, PrintWriter err) {
        boolean[] failed = {false};
        OrderedTasks.run(items, threads, "mmdt-unpack", item -> classifyOne(item, classifier), (item, result) -> {
            for (MemberClassification member : result.members()) {
                ContainerVerdict verdict = member.path().depth() == 0 ? result.verdict() : null;
                printer.print(member.path().toString(), member.hash(), member.classification(), verdict);
            }
            if (result.error() != null) {
                err.println("mmdt: " + result.error());
                err.flush();
                failed[0] = true;
            }
        });
        return !failed[0];
    }

    private static FileResult classifyOne(FileWalker.Item item, ContainerClassifier classifier) {
        if (item.failed()) {
            return new FileResult(List.of(), null, DisplayPaths.of(item.path()) + ": " + item.error());
        }
        List<MemberClassification> members = new ArrayList<>();
        try {
            ContainerVerdict verdict = classifier.classify(item.path(), members::add);
            return new FileResult(members, verdict, null);
        } catch (UnpackException e) {
            // The message already starts with the container's display path.
            return new FileResult(members, null, UnpackLimitOptions.describe(e));
        } catch (IOException | RuntimeException e) {
            return new FileResult(members, null, DisplayPaths.of(item.path()) + ": " + ParallelHashing.describe(e));
        }
    }
}
