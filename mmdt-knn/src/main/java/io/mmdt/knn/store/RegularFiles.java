package io.mmdt.knn.store;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks that a path names a regular file before it is opened, because opening a FIFO blocks
 * until a writer appears and reading a device such as {@code /dev/zero} never ends.
 */
public final class RegularFiles {

    private RegularFiles() {
    }

    /**
     * Returns normally if {@code file} is a regular file (symbolic links are followed).
     *
     * @param role what the file is for, used in messages, for example {@code "store"}
     * @throws NoSuchFileException if the file does not exist; the message names it
     * @throws FileSystemException if it is a directory, FIFO, socket or device
     * @throws IOException if its attributes cannot be read
     */
    public static void requireRegularFile(Path file, String role) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, role + " file not found");
        }
        if (attributes.isDirectory()) {
            throw new FileSystemException(file.toString(), null, role + " file is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw new FileSystemException(file.toString(), null,
                    role + " file is not a regular file (a FIFO, socket or device)");
        }
    }
}
