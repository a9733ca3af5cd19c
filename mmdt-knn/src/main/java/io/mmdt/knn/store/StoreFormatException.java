package io.mmdt.knn.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a file is not a valid store: unknown format, truncated, corrupted, or holding
 * an entry that breaks the rules of {@link StoreEntry}. The message names the file and what
 * is wrong, and for line-based formats the line.
 */
public final class StoreFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** Creates an exception for {@code file} with a description of the problem. */
    public StoreFormatException(Path file, String problem) {
        super("invalid store file " + file + ": " + problem);
        this.file = file;
    }

    /** Creates an exception for {@code file} with a description of the problem and its cause. */
    public StoreFormatException(Path file, String problem, Throwable cause) {
        super("invalid store file " + file + ": " + problem, cause);
        this.file = file;
    }

    /** Returns the file that is not a valid store. */
    public Path file() {
        return file;
    }
}
