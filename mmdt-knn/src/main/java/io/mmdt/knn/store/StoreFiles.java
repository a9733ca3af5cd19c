package io.mmdt.knn.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and saves labelled hash stores in any {@link StoreFormat}.
 *
 * <p>Loading detects the format from the file's first bytes: the native magic number, the
 * ZIP signature {@code PK} of a python_mmdt feature file, or else text. A file that fails a
 * check is rejected whole with a {@link StoreFormatException}; no partial store is returned.
 *
 * <p>Saving writes a temporary file in the target's directory, forces it to disk and renames
 * it over the target atomically, so a crash leaves either the old file or the new one.
 *
 * <pre>{@code
 * HashStore store = StoreFiles.load(Path.of("families.data"));
 * StoreFiles.save(store, Path.of("families.mmdt"), StoreFormat.NATIVE);
 * }</pre>
 */
public final class StoreFiles {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFiles.class);

    private static final byte[] ZIP_SIGNATURE = {'P', 'K'};

    private StoreFiles() {
    }

    /**
     * Loads a store in any format, rejecting the file if any entry is invalid.
     *
     * @throws StoreFormatException if the file is not a valid store; the message names the
     *     file, what is wrong and, for text, the line
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IOException if the file cannot be read
     */
    public static HashStore load(Path file) throws IOException {
        return load(file, false).store();
    }

    /**
     * Loads a store in any format.
     *
     * @param skipInvalidEntries whether invalid lines of a text store, or invalid strings of a
     *     python_mmdt feature file, are counted and skipped instead of rejecting the file. A
     *     native store is checked whole and never partly loaded.
     * @throws StoreFormatException if the file is not a valid store
     * @throws IOException if the file cannot be read
     */
    public static LoadedStore load(Path file, boolean skipInvalidEntries) throws IOException {
        Objects.requireNonNull(file, "file");
        RegularFiles.requireRegularFile(file, "store");
        long start = System.nanoTime();
        StoreFormat format = detectFormat(file);
        LoadedStore loaded = switch (format) {
            case NATIVE -> new LoadedStore(NativeStoreCodec.read(file), format, 0, List.of());
            case TEXT -> TextStoreCodec.read(file, skipInvalidEntries);
            case PYTHON_MMDT -> PythonMmdtCodec.read(file, skipInvalidEntries);
        };
        LOG.debug("loaded {} entries from {} ({}) in {} ms, skipped {}", loaded.store().size(), file, format,
                (System.nanoTime() - start) / 1_000_000, loaded.skippedEntries());
        return loaded;
    }

    /**
     * Returns the format of a store file, judged from its first bytes. Text is the fallback,
     * so a file that is neither native nor ZIP is reported as text and its lines decide.
     *
     * @throws IOException if the file cannot be read
     */
    public static StoreFormat detectFormat(Path file) throws IOException {
        RegularFiles.requireRegularFile(file, "store");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(NativeStoreCodec.MAGIC.length);
        }
        if (Arrays.equals(head, NativeStoreCodec.MAGIC)) {
            return StoreFormat.NATIVE;
        }
        if (head.length >= 1 && head[0] == NativeStoreCodec.MAGIC[0]) {
            // A truncated native store: its first byte is never the start of UTF-8 text.
            return StoreFormat.NATIVE;
        }
        if (head.length >= 2 && head[0] == ZIP_SIGNATURE[0] && head[1] == ZIP_SIGNATURE[1]) {
            return StoreFormat.PYTHON_MMDT;
        }
        return StoreFormat.TEXT;
    }

    /**
     * Saves {@code store}'s current entries to {@code file} in {@code format}, replacing the
     * file atomically where the file system supports it.
     *
     * @throws IOException if the file cannot be written; the target is then unchanged
     */
    public static void save(HashStore store, Path file, StoreFormat format) throws IOException {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        HashStore snapshot = store.snapshot();

        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        if (Files.isDirectory(target)) {
            throw new FileSystemException(file.toString(), null, "cannot write store: the path is a directory");
        }
        if (directory == null || !Files.isDirectory(directory)) {
            throw new NoSuchFileException(file.toString(), null,
                    "cannot write store: directory " + directory + " does not exist");
        }

        // NOTE: on POSIX file systems the saved store gets the temporary file's mode 0600,
        // so only its owner can read it. A replaced file does not keep its old mode.
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                switch (format) {
                    case NATIVE -> NativeStoreCodec.write(snapshot, out);
                    case TEXT -> TextStoreCodec.write(snapshot, out);
                    case PYTHON_MMDT -> PythonMmdtCodec.write(snapshot, out);
                }
                out.flush();
                channel.force(true);
            }
            moveIntoPlace(temporary, target);
            moved = true;
            LOG.debug("saved {} entries to {} ({})", snapshot.size(), target, format);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.warn("atomic rename is not supported for {}, replacing it non-atomically: {}", target, e.getMessage());
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
