package io.mmdt.knn.store;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link StoreFiles#load(java.nio.file.Path, boolean)}: the store, the format it
 * was read from, and the entries skipped as invalid when skipping was requested.
 *
 * @param store the entries read
 * @param format the detected format of the file
 * @param skippedEntries the number of invalid lines or items skipped; 0 unless skipping was requested
 * @param skipReasons the reasons for the first {@value #MAX_SKIP_REASONS} skipped entries,
 *     each starting with its line or item number
 */
public record LoadedStore(HashStore store, StoreFormat format, int skippedEntries, List<String> skipReasons) {

    /** Number of skip reasons kept; the rest are only counted. */
    public static final int MAX_SKIP_REASONS = 5;

    /** Checks the fields and copies the reasons. */
    public LoadedStore {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(format, "format");
        skipReasons = List.copyOf(skipReasons);
    }
}
