package io.mmdt.knn.store;

import io.mmdt.core.MmdtHash;

/**
 * Parses entry strings {@code IIIIIIII:MMMM…:label:sampleId}, the line form of the text
 * format and the item form of python_mmdt's feature file.
 *
 * <p>A label may contain {@code :}, so the string is split by position: the first 41
 * characters are the hash, then comes a {@code :}, the sample id is what follows the last
 * {@code :}, and the label is what lies between. python_mmdt writes labels without this
 * rule in mind, so one of its strings with a {@code :} in the label reads the same way.
 */
final class EntryLines {

    private EntryLines() {
    }

    /**
     * Parses one entry string.
     *
     * @throws IllegalArgumentException if the string is not a valid entry, with the reason in the message
     */
    static StoreEntry parse(String line) {
        int labelStart = MmdtHash.TEXT_LENGTH + 1;
        if (line.length() < labelStart + 2) {
            throw new IllegalArgumentException("expected IIIIIIII:MMMM...:label:sampleId, got \""
                    + StoreEntry.escape(line) + "\" (too short)");
        }
        MmdtHash hash = MmdtHash.parse(line.substring(0, MmdtHash.TEXT_LENGTH));
        if (line.charAt(MmdtHash.TEXT_LENGTH) != ':') {
            throw new IllegalArgumentException("expected ':' after the hash in \"" + StoreEntry.escape(line) + "\"");
        }
        int lastColon = line.lastIndexOf(':');
        if (lastColon < labelStart) {
            throw new IllegalArgumentException("missing ':' between label and sample id in \""
                    + StoreEntry.escape(line) + "\"");
        }
        return new StoreEntry(hash, line.substring(labelStart, lastColon), line.substring(lastColon + 1));
    }
}
