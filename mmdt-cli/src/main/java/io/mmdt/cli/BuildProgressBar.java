package io.mmdt.cli;

import io.mmdt.knn.store.BuildProgress;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Draws a one-line progress bar for {@code mmdt build}, redrawn in place with a carriage
 * return. Redraws at most every 100 ms so that a fast build does not flood the terminal.
 */
final class BuildProgressBar implements BuildProgress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int MAX_NAME_CHARACTERS = 40;

    private final PrintWriter err;
    private long lastDraw = Long.MIN_VALUE;

    BuildProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void fileDone(int done, int total, Path file) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String name = file.getFileName().toString();
        if (name.length() > MAX_NAME_CHARACTERS) {
            name = name.substring(0, MAX_NAME_CHARACTERS - 3) + "...";
        }
        err.printf("\r[%s%s] %d/%d %-" + MAX_NAME_CHARACTERS + "s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                done, total, name);
        if (done == total) {
            err.println();
        }
        err.flush();
    }
}
