package io.mmdt.knn.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes the {@linkplain StoreFormat#PYTHON_MMDT feature file of python_mmdt}: a
 * ZIP archive with one deflated entry named {@code data}, holding a pickle of a list of
 * strings {@code index:main:label:sha1}.
 */
final class PythonMmdtCodec {

    static final String ENTRY_NAME = "data";

    /**
     * Largest pickle read, a bound against ZIP bombs. At about 100 bytes per entry string it
     * allows some ten million entries, far more than the 632,253 of python_mmdt's published
     * production store.
     */
    static final int MAX_PICKLE_BYTES = 1 << 30;

    private PythonMmdtCodec() {
    }

    /**
     * Reads a feature file.
     *
     * @param skipInvalid whether to count and skip invalid entry strings instead of rejecting
     *     the file; an invalid archive or pickle is rejected either way
     * @throws StoreFormatException if the file is not a valid feature file
     * @throws IOException if the file cannot be read
     */
    static LoadedStore read(Path file, boolean skipInvalid) throws IOException {
        byte[] pickle = readPickle(file);
        List<String> strings;
        try {
            strings = PickleStringListReader.read(pickle);
        } catch (IllegalArgumentException e) {
            throw new StoreFormatException(file, "ZIP entry '" + ENTRY_NAME + "': " + e.getMessage(), e);
        }

        EntryCollector collector = new EntryCollector(file, skipInvalid, "list item");
        for (int i = 0; i < strings.size(); i++) {
            collector.add(i + 1, strings.get(i));
        }
        return collector.result(StoreFormat.PYTHON_MMDT);
    }

    private static byte[] readPickle(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = new ArrayList<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                names.add(entries.nextElement().getName());
            }
            if (!names.equals(List.of(ENTRY_NAME))) {
                throw new StoreFormatException(file, "expected a ZIP archive with the single entry '" + ENTRY_NAME
                        + "', found " + (names.size() > 10 ? names.size() + " entries" : names.toString()));
            }
            ZipEntry entry = zip.getEntry(ENTRY_NAME);
            if (entry.getSize() > MAX_PICKLE_BYTES) {
                throw tooLarge(file);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] pickle = in.readNBytes(MAX_PICKLE_BYTES);
                if (in.read() >= 0) {
                    throw tooLarge(file);
                }
                return pickle;
            }
        } catch (ZipException e) {
            throw new StoreFormatException(file, "not a valid ZIP archive: " + e.getMessage(), e);
        }
    }

    private static StoreFormatException tooLarge(Path file) {
        return new StoreFormatException(file, "ZIP entry '" + ENTRY_NAME + "' exceeds the limit of "
                + MAX_PICKLE_BYTES + " bytes");
    }

    /** Writes {@code store}'s current snapshot as a feature file. Does not close {@code out}. */
    static void write(HashStore store, OutputStream out) throws IOException {
        HashStore snapshot = store.snapshot();
        List<String> strings = new ArrayList<>(snapshot.size());
        for (int i = 0; i < snapshot.size(); i++) {
            strings.add(snapshot.hash(i) + ":" + snapshot.label(i) + ":" + snapshot.sampleId(i));
        }

        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(ENTRY_NAME));
        PickleStringListWriter.write(strings, zip);
        zip.closeEntry();
        zip.finish();
    }
}
