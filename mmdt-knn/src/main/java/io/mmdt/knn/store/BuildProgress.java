package io.mmdt.knn.store;

import java.nio.file.Path;

/**
 * Receives progress reports from {@link StoreBuilder#build}. Calls come from the thread that
 * runs {@code build}, one at a time, in the order in which files finish.
 */
@FunctionalInterface
public interface BuildProgress {

    /** A listener that ignores every report. */
    BuildProgress NONE = (done, total, file) -> { };

    /**
     * Reports that {@code file} is finished, whether it was added, skipped or failed.
     *
     * @param done files finished so far, including this one
     * @param total files to process
     * @param file the finished file
     */
    void fileDone(int done, int total, Path file);
}
