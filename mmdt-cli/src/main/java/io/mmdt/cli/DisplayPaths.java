package io.mmdt.cli;

import io.mmdt.knn.unpack.MemberPath;
import java.nio.file.Path;

/**
 * Turns file paths into the text the commands print. Control characters and Unicode
 * bidirectional controls are escaped as {@code \}{@code uXXXX}, as in member paths, so that
 * a file named with a line break cannot add a forged result line to the output.
 */
final class DisplayPaths {

    private DisplayPaths() {
    }

    /** Returns {@code path} as printed. */
    static String of(Path path) {
        String text = path.toString();
        return text.isEmpty() ? text : MemberPath.of(text).toString();
    }
}
