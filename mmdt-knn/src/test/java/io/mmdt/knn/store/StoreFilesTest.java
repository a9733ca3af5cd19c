package io.mmdt.knn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFilesTest {

    private static final String HASH = "07122B59:7212890402200212DA032EC310AFEF8A";
    private static final String SHA1 = "5e1f0c2d3a4b59687766554433221100ffeeddcc";

    @TempDir
    Path dir;

    @Property(tries = 60)
    void everyFormatRoundTrips(@ForAll("entryLists") List<StoreEntry> entries) throws IOException {
        Path directory = Files.createTempDirectory("store-roundtrip");
        try {
            HashStore store = TestEntries.storeOf(entries);
            for (StoreFormat format : StoreFormat.values()) {
                Path file = directory.resolve("store" + format.extension());

                StoreFiles.save(store, file, format);
                LoadedStore loaded = StoreFiles.load(file, false);

                assertEquals(format, loaded.format());
                assertEquals(entries, toList(loaded.store()), format.toString());
            }
        } finally {
            deleteTree(directory);
        }
    }

    @Provide
    Arbitrary<List<StoreEntry>> entryLists() {
        return TestEntries.entries().list().ofMaxSize(40);
    }

    @Test
    void formatIsDetectedFromContentNotName() throws IOException {
        HashStore store = TestEntries.storeOf(TestEntries.random(1, 10, 3));
        Path nativeNamedText = dir.resolve("store.txt");
        Path textNamedData = dir.resolve("store.data");

        StoreFiles.save(store, nativeNamedText, StoreFormat.NATIVE);
        StoreFiles.save(store, textNamedData, StoreFormat.TEXT);

        assertEquals(StoreFormat.NATIVE, StoreFiles.detectFormat(nativeNamedText));
        assertEquals(StoreFormat.TEXT, StoreFiles.detectFormat(textNamedData));
        assertEquals(10, StoreFiles.load(textNamedData).size());
    }

    @Test
    void nativeStoreLoadsWithinByteBudget() throws IOException {
        List<StoreEntry> entries = TestEntries.random(2, 100_000, 1000);
        Path file = dir.resolve("big.mmdt");
        StoreFiles.save(TestEntries.storeOf(entries), file, StoreFormat.NATIVE);

        HashStore loaded = StoreFiles.load(file);

        assertEquals(entries.size(), loaded.size());
        assertEquals(entries.get(99_999), loaded.entry(99_999));
        assertTrue(loaded.columnBytes() <= 48L * loaded.size(), "bytes: " + loaded.columnBytes());
    }

    @Test
    void textAndPythonStoresLoadWithinByteBudget() throws IOException {
        HashStore store = TestEntries.storeOf(TestEntries.random(6, 20_000, 500));
        for (StoreFormat format : List.of(StoreFormat.TEXT, StoreFormat.PYTHON_MMDT)) {
            Path file = dir.resolve("budget" + format.extension());
            StoreFiles.save(store, file, format);

            HashStore loaded = StoreFiles.load(file);

            assertTrue(loaded.columnBytes() <= 48L * loaded.size(), format + " bytes: " + loaded.columnBytes());
        }
    }

    @Test
    void rejectsEveryTruncationOfNativeStore() throws IOException {
        byte[] content = nativeBytes(TestEntries.storeOf(List.of(
                entry("clean", SHA1), entry("a:b", "other-id"), entry("virlock", SHA1))));

        for (int length = 1; length < content.length; length++) {
            Path file = write("truncated.mmdt", java.util.Arrays.copyOf(content, length));
            StoreFormatException e = assertThrows(StoreFormatException.class, () -> StoreFiles.load(file),
                    "length " + length);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void rejectsEveryFlippedBitOfNativeStore() throws IOException {
        byte[] content = nativeBytes(TestEntries.storeOf(List.of(entry("clean", SHA1), entry("x", "id-2"))));

        for (int bit = 0; bit < content.length * 8; bit++) {
            byte[] corrupted = content.clone();
            corrupted[bit / 8] ^= (byte) (1 << (bit % 8));
            Path file = write("corrupted.mmdt", corrupted);
            assertThrows(IOException.class, () -> StoreFiles.load(file), "bit " + bit);
        }
    }

    @Test
    void rejectsUnknownVersion() throws IOException {
        byte[] content = nativeBytes(TestEntries.storeOf(List.of(entry("clean", SHA1))));
        ByteBuffer.wrap(content).putInt(8, 2);

        StoreFormatException e = assertThrows(StoreFormatException.class,
                () -> StoreFiles.load(write("v2.mmdt", content)));
        assertTrue(e.getMessage().contains("unknown format version 2"), e.getMessage());
    }

    @Test
    void rejectsHostileEntryCountBeforeAllocating() throws IOException {
        byte[] content = nativeBytes(new HashStore());
        ByteBuffer.wrap(content).putInt(12, -1);
        fixCrc(content);

        StoreFormatException e = assertThrows(StoreFormatException.class,
                () -> StoreFiles.load(write("hostile.mmdt", content)));
        assertTrue(e.getMessage().contains("4294967295 entries"), e.getMessage());
    }

    @Test
    void rejectsLabelIdOutOfRange() throws IOException {
        byte[] content = nativeBytes(TestEntries.storeOf(List.of(entry("clean", SHA1))));
        int labelIdOffset = NativeStoreCodec.HEADER_BYTES + 4 + 8 + 8;
        ByteBuffer.wrap(content).putInt(labelIdOffset, 1);
        fixCrc(content);

        StoreFormatException e = assertThrows(StoreFormatException.class,
                () -> StoreFiles.load(write("label.mmdt", content)));
        assertTrue(e.getMessage().contains("label id 1"), e.getMessage());
    }

    @Test
    void rejectsMismatchedCrc() throws IOException {
        byte[] content = nativeBytes(TestEntries.storeOf(List.of(entry("clean", SHA1))));
        content[content.length - 1] ^= 1;

        StoreFormatException e = assertThrows(StoreFormatException.class,
                () -> StoreFiles.load(write("crc.mmdt", content)));
        assertTrue(e.getMessage().contains("CRC32C mismatch"), e.getMessage());
    }

    @Test
    void textParsesLabelsWithColons() throws IOException {
        Path file = write("colons.txt", (HASH + ":Trojan:Win32/Foo:" + SHA1 + "\n").getBytes(StandardCharsets.UTF_8));

        HashStore store = StoreFiles.load(file);

        assertEquals("Trojan:Win32/Foo", store.label(0));
        assertEquals(SHA1, store.sampleId(0));
    }

    @Test
    void textIgnoresCommentsBlankLinesAndCarriageReturns() throws IOException {
        String text = "\uFEFF# comment\r\n\r\n   \n" + HASH + ":clean:" + SHA1 + "\r\n" + HASH + "::id\n";
        Path file = write("comments.txt", text.getBytes(StandardCharsets.UTF_8));

        HashStore store = StoreFiles.load(file);

        assertEquals(2, store.size());
        assertEquals("clean", store.label(0));
        assertEquals("", store.label(1));
        assertEquals("id", store.sampleId(1));
    }

    @Test
    void textRejectsMalformedLineWithItsNumber() throws IOException {
        String text = "# header\n" + HASH + ":clean:" + SHA1 + "\n" + "07122B59:72:clean:" + SHA1 + "\n";
        Path file = write("bad.txt", text.getBytes(StandardCharsets.UTF_8));

        StoreFormatException e = assertThrows(StoreFormatException.class, () -> StoreFiles.load(file));
        assertTrue(e.getMessage().contains("bad.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void textSkipsBadLinesWhenAsked() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lines.add(HASH + ":clean:" + SHA1);
            lines.add("garbage " + i);
        }
        Path file = write("mixed.txt", String.join("\n", lines).getBytes(StandardCharsets.UTF_8));

        LoadedStore loaded = StoreFiles.load(file, true);

        assertEquals(8, loaded.store().size());
        assertEquals(8, loaded.skippedEntries());
        assertEquals(LoadedStore.MAX_SKIP_REASONS, loaded.skipReasons().size());
        assertTrue(loaded.skipReasons().get(0).startsWith("line 2: "), loaded.skipReasons().get(0));
    }

    @Test
    void textRejectsOverlongLine() throws IOException {
        String longLabel = "x".repeat(TextStoreCodec.MAX_LINE_CHARACTERS);
        String text = HASH + ":clean:" + SHA1 + "\r" + HASH + ":" + longLabel + ":" + SHA1 + "\n"
                + HASH + ":last:" + SHA1 + "\n";
        Path file = write("long.txt", text.getBytes(StandardCharsets.UTF_8));

        StoreFormatException strict = assertThrows(StoreFormatException.class, () -> StoreFiles.load(file));
        LoadedStore lenient = StoreFiles.load(file, true);

        assertTrue(strict.getMessage().contains("line 2: line is longer than"), strict.getMessage());
        assertEquals(2, lenient.store().size());
        assertEquals("last", lenient.store().label(1));
    }

    @Test
    void textRejectsInvalidUtf8() throws IOException {
        byte[] content = (HASH + ":cl\u00e9an:" + SHA1 + "\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThrows(StoreFormatException.class, () -> StoreFiles.load(write("latin1.txt", content)));
    }

    @Test
    void readsHandBuiltPythonFeatureFile() throws IOException {
        byte[] pickle = protocol4Pickle(HASH + ":clean:" + SHA1, HASH + ":Win32:Foo:" + SHA1);
        Path file = write("features.data", zip("data", pickle));

        LoadedStore loaded = StoreFiles.load(file, false);

        assertEquals(StoreFormat.PYTHON_MMDT, loaded.format());
        assertEquals(2, loaded.store().size());
        assertEquals("Win32:Foo", loaded.store().label(1));
    }

    @Test
    void rejectsFeatureFileWithCodeInPickle() throws IOException {
        byte[] pickle = {(byte) 0x80, 4, 'c', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm', '\n', '.'};
        Path file = write("evil.data", zip("data", pickle));

        StoreFormatException e = assertThrows(StoreFormatException.class, () -> StoreFiles.load(file));
        assertTrue(e.getMessage().contains("GLOBAL"), e.getMessage());
    }

    @Test
    void rejectsFeatureFileWithOtherEntryName() throws IOException {
        Path file = write("other.data", zip("features", protocol4Pickle()));

        StoreFormatException e = assertThrows(StoreFormatException.class, () -> StoreFiles.load(file));
        assertTrue(e.getMessage().contains("[features]"), e.getMessage());
    }

    @Test
    void rejectsBrokenZip() throws IOException {
        Path file = write("broken.data", "PK not a zip".getBytes(StandardCharsets.US_ASCII));

        assertThrows(StoreFormatException.class, () -> StoreFiles.load(file));
    }

    @Test
    void saveReplacesFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("store.mmdt");
        StoreFiles.save(TestEntries.storeOf(TestEntries.random(4, 3, 2)), file, StoreFormat.NATIVE);

        StoreFiles.save(TestEntries.storeOf(TestEntries.random(5, 7, 2)), file, StoreFormat.NATIVE);

        assertEquals(7, StoreFiles.load(file).size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    private static StoreEntry entry(String label, String sampleId) {
        return new StoreEntry(io.mmdt.core.MmdtHash.parse(HASH), label, sampleId);
    }

    private static List<StoreEntry> toList(HashStore store) {
        List<StoreEntry> out = new ArrayList<>();
        store.forEach(out::add);
        return out;
    }

    private static byte[] nativeBytes(HashStore store) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NativeStoreCodec.write(store, out);
        return out.toByteArray();
    }

    private static void fixCrc(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content, 0, content.length - 4);
        ByteBuffer.wrap(content).putInt(content.length - 4, (int) crc.getValue());
    }

    /** Returns the pickle that CPython's pickle.dumps(strings, protocol=4) writes for short strings. */
    private static byte[] protocol4Pickle(String... strings) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(']');
        body.write(0x94);
        body.write('(');
        for (String s : strings) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            body.write(0x8c);
            body.write(utf8.length);
            body.writeBytes(utf8);
            body.write(0x94);
        }
        body.write('e');
        body.write('.');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80);
        out.write(4);
        out.write(0x95);
        out.writeBytes(ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(body.size()).array());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] zip(String entryName, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
