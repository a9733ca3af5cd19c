package io.mmdt.knn.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats of a labelled hash store. {@link StoreFiles#load(Path)} detects the format
 * from the file's first bytes, never from its name.
 */
public enum StoreFormat {

    /**
     * This library's binary format: a header, the columns of {@link HashStore}, the label
     * dictionary and a CRC32C. Compact and fast to load.
     */
    NATIVE(".mmdt"),

    /**
     * UTF-8 text, one entry per line as {@code IIIIIIII:MMMM…:label:sampleId}; blank lines and
     * lines starting with {@code #} are ignored.
     */
    TEXT(".txt"),

    /**
     * The feature file of python_mmdt 0.3.1: a ZIP archive with one entry named {@code data}
     * that contains a Python pickle of a list of entry strings {@code index:main:label:sha1}.
     * Only pickles of a list of strings are read, so loading one runs no code.
     */
    PYTHON_MMDT(".data");

    private final String extension;

    StoreFormat(String extension) {
        this.extension = extension;
    }

    /** Returns the usual file name extension of the format, with its dot, such as {@code .mmdt}. */
    public String extension() {
        return extension;
    }

    /** Returns the format whose usual extension ends {@code file}'s name, ignoring case. */
    public static Optional<StoreFormat> fromFileName(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.toString().toLowerCase(Locale.ROOT);
        for (StoreFormat format : values()) {
            if (lower.endsWith(format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
