package io.mmdt.knn.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link StoreBuilder#build}: the store, and what happened to each file that
 * did not make it in.
 *
 * @param store the entries added, in order of relative path
 * @param lowSpread the files skipped because their hash's spread was not above the minimum
 * @param unlabelled the files skipped because the labels had no entry for their name and no
 *     default label was set
 * @param failures the files that could not be read or hashed, each with the reason
 */
public record BuildResult(HashStore store, List<Path> lowSpread, List<Path> unlabelled, List<Failure> failures) {

    /** Checks the fields and copies the lists. */
    public BuildResult {
        Objects.requireNonNull(store, "store");
        lowSpread = List.copyOf(lowSpread);
        unlabelled = List.copyOf(unlabelled);
        failures = List.copyOf(failures);
    }

    /** Returns the number of entries added. */
    public int added() {
        return store.size();
    }

    /**
     * A file that could not be read or hashed.
     *
     * @param file the file
     * @param reason the error message
     */
    public record Failure(Path file, String reason) {
    }
}
