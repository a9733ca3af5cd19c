package io.mmdt.knn.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends parsed entry strings to a store, for the text and python_mmdt readers. Depending on
 * its mode it rejects the first invalid string or counts and skips every invalid one.
 */
final class EntryCollector {

    private final Path file;
    private final boolean skipInvalid;
    private final String unit;
    private final HashStore store = new HashStore();
    private final List<String> skipReasons = new ArrayList<>();
    private int skipped;

    /** Creates a collector; {@code unit} names a position in the file, such as "line". */
    EntryCollector(Path file, boolean skipInvalid, String unit) {
        this.file = file;
        this.skipInvalid = skipInvalid;
        this.unit = unit;
    }

    /** Parses {@code text}, found at {@code number} (1-based), and appends the entry. */
    void add(long number, String text) throws StoreFormatException {
        StoreEntry entry;
        try {
            entry = EntryLines.parse(text);
        } catch (IllegalArgumentException e) {
            String reason = unit + " " + number + ": " + e.getMessage();
            if (!skipInvalid) {
                throw new StoreFormatException(file, reason, e);
            }
            skipped++;
            if (skipReasons.size() < LoadedStore.MAX_SKIP_REASONS) {
                skipReasons.add(reason);
            }
            return;
        }
        store.append(entry);
    }

    LoadedStore result(StoreFormat format) {
        return new LoadedStore(store, format, skipped, skipReasons);
    }
}
