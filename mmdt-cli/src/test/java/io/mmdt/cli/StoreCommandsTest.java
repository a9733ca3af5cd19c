package io.mmdt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.store.StoreFiles;
import io.mmdt.knn.store.StoreFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StoreCommandsTest {

    private static final String SHA1 = "5e1f0c2d3a4b59687766554433221100ffeeddcc";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = MmdtCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void buildWritesStoreAndSummary() throws IOException {
        Path samples = Files.createDirectories(dir.resolve("samples"));
        for (int i = 0; i < 6; i++) {
            Files.write(samples.resolve("s" + i), structuredBytes(i, 3000 + 500 * i));
        }
        Files.write(samples.resolve("zeros"), new byte[4096]);
        Files.write(samples.resolve("unlisted"), structuredBytes(99, 3000));
        Path labels = Files.writeString(dir.resolve("labels.csv"),
                "name,label\ns0,clean\ns1,clean\ns2,virlock\ns3,virlock\ns4,a:b\ns5,clean\nzeros,clean\n");
        Path output = dir.resolve("built.txt");

        int exit = run("build", samples.toString(), "--labels", labels.toString(), "-o", output.toString(),
                "--threads", "2");

        assertEquals(0, exit, err.toString());
        HashStore store = StoreFiles.load(output);
        assertEquals(StoreFormat.TEXT, StoreFiles.detectFormat(output));
        assertTrue(out.toString().startsWith("added " + store.size() + " entries, skipped 1 with spread at most 10.0"
                + " and 1 without a label, 0 failed; wrote "), out.toString());
        assertTrue(err.toString().contains("unlisted"), err.toString());
        assertEquals(6, store.size());
        assertEquals("a:b", store.label(4));
    }

    @Test
    void buildFollowsNamedLinkToDirectory() throws IOException {
        Path samples = Files.createDirectories(dir.resolve("real-samples"));
        Files.write(samples.resolve("s0"), structuredBytes(0, 3000));
        Path link = Files.createSymbolicLink(dir.resolve("samples"), samples);
        Path labels = Files.writeString(dir.resolve("labels.csv"), "name,label\ns0,clean\n");
        Path output = dir.resolve("linked.txt");

        int exit = run("build", link.toString(), "--labels", labels.toString(), "-o", output.toString());

        assertEquals(0, exit, err.toString());
        assertEquals(1, StoreFiles.load(output).size());
    }

    @Test
    void buildRejectsMalformedLabelsFile() throws IOException {
        Path samples = Files.createDirectories(dir.resolve("samples"));
        Path labels = Files.writeString(dir.resolve("labels.csv"), "s0,clean\nno comma here\n");

        int exit = run("build", samples.toString(), "--labels", labels.toString(), "-o", dir.resolve("x.mmdt").toString());

        assertEquals(MmdtCommand.EXIT_USAGE, exit);
        assertTrue(err.toString().contains("labels.csv line 2"), err.toString());
    }

    @Test
    void buildRejectsUnknownOutputExtension() throws IOException {
        Path samples = Files.createDirectories(dir.resolve("samples"));
        Path labels = Files.writeString(dir.resolve("labels.csv"), "s0,clean\n");

        int exit = run("build", samples.toString(), "--labels", labels.toString(), "-o", dir.resolve("x.bin").toString());

        assertEquals(MmdtCommand.EXIT_USAGE, exit);
        assertTrue(err.toString().contains("--to"), err.toString());
    }

    @Test
    void infoPrintsCountsAndTopLabels() throws IOException {
        Path store = writeStore("store.mmdt", StoreFormat.NATIVE, "clean", "virlock", "clean", "x");

        int exit = run("store", "info", store.toString(), "--top", "2");

        assertEquals(0, exit, err.toString());
        String expected = String.join(System.lineSeparator(),
                "store:   " + store,
                "format:  native",
                "entries: 4",
                "labels:  3",
                "top labels:",
                "         2  clean",
                "         1  virlock",
                "");
        assertEquals(expected, out.toString());
    }

    @Test
    void infoNamesEmptyLabel() throws IOException {
        Path store = writeStore("store.mmdt", StoreFormat.NATIVE, "", "", "clean");

        int exit = run("store", "info", store.toString());

        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("         2  (empty label)" + System.lineSeparator()), out.toString());
    }

    @Test
    void missingStoreIsUsageError() {
        int exit = run("store", "info", dir.resolve("absent.mmdt").toString());

        assertEquals(MmdtCommand.EXIT_USAGE, exit);
        assertTrue(err.toString().contains("store not found: "), err.toString());
    }

    @Test
    void corruptedStoreIsUsageErrorNamingFile() throws IOException {
        Path store = writeStore("store.mmdt", StoreFormat.NATIVE, "clean");
        byte[] content = Files.readAllBytes(store);
        content[content.length - 1] ^= 1;
        Files.write(store, content);

        int exit = run("store", "info", store.toString());

        assertEquals(MmdtCommand.EXIT_USAGE, exit);
        assertTrue(err.toString().contains(store + ": CRC32C mismatch"), err.toString());
    }

    @Test
    void dedupeRemovesExactDuplicates() throws IOException {
        Path store = writeStore("store.txt", StoreFormat.TEXT, "a", "a", "b");
        Path output = dir.resolve("unique.data");

        int exit = run("store", "dedupe", store.toString(), "-o", output.toString());

        assertEquals(0, exit, err.toString());
        assertEquals(2, StoreFiles.load(output).size());
        assertEquals(StoreFormat.PYTHON_MMDT, StoreFiles.detectFormat(output));
        assertTrue(out.toString().startsWith("removed 1 duplicate, 2 entries left"), out.toString());
    }

    @Test
    void filterKeepsSpreadStrictlyAbove() throws IOException {
        HashStore source = new HashStore();
        MmdtHash wide = MmdtHash.parse("00000000:00000014001400140014001400140000");
        source.append(wide, "a", SHA1);
        source.append(MmdtHash.parse("00000000:00000000000000000000000000000000"), "b", SHA1);
        Path store = dir.resolve("store.mmdt");
        StoreFiles.save(source, store, StoreFormat.NATIVE);
        Path output = dir.resolve("kept.mmdt");

        int exit = run("store", "filter", store.toString(), "--min-spread", "10", "-o", output.toString());

        assertEquals(0, exit, err.toString());
        assertEquals(1, StoreFiles.load(output).size());
        assertEquals("a", StoreFiles.load(output).label(0));
    }

    @Test
    void mergeConcatenatesInOrder() throws IOException {
        Path first = writeStore("first.mmdt", StoreFormat.NATIVE, "a", "b");
        Path second = writeStore("second.txt", StoreFormat.TEXT, "c");
        Path output = dir.resolve("merged.mmdt");

        int exit = run("store", "merge", first.toString(), second.toString(), "-o", output.toString());

        assertEquals(0, exit, err.toString());
        HashStore merged = StoreFiles.load(output);
        assertEquals(3, merged.size());
        assertEquals("c", merged.label(2));
    }

    @Test
    void convertHonoursToOverExtension() throws IOException {
        Path input = writeStore("store.data", StoreFormat.PYTHON_MMDT, "a", "b");
        Path output = dir.resolve("store.out");

        int exit = run("store", "convert", input.toString(), output.toString(), "--to", "text");

        assertEquals(0, exit, err.toString());
        assertEquals(StoreFormat.TEXT, StoreFiles.detectFormat(output));
        assertTrue(out.toString().startsWith("converted 2 entries from python to text"), out.toString());
    }

    @Test
    void convertSkipsInvalidLinesWhenAsked() throws IOException {
        Path input = Files.writeString(dir.resolve("in.txt"),
                "00000000:00000000000000000000000000000000:a:" + SHA1 + "\nbroken\n");
        Path output = dir.resolve("out.mmdt");

        int strict = run("store", "convert", input.toString(), output.toString());
        int lenient = run("store", "convert", input.toString(), output.toString(), "--skip-invalid");

        assertEquals(MmdtCommand.EXIT_USAGE, strict);
        assertEquals(0, lenient);
        assertTrue(err.toString().contains("skipped 1 invalid entry"), err.toString());
        assertEquals(1, StoreFiles.load(output).size());
    }

    private Path writeStore(String name, StoreFormat format, String... labels) throws IOException {
        HashStore store = new HashStore();
        for (String label : labels) {
            store.append(MmdtHash.parse("07122B59:7212890402200212DA032EC310AFEF8A"), label, SHA1);
        }
        Path file = dir.resolve(name);
        StoreFiles.save(store, file, format);
        return file;
    }

    /** Returns bytes with runs and ramps, which give hashes with a wide spread. */
    private static byte[] structuredBytes(long seed, int length) {
        Random random = new Random(seed);
        byte[] bytes = new byte[length];
        int i = 0;
        while (i < length) {
            int run = 1 + random.nextInt(200);
            int value = random.nextInt(256);
            boolean ramp = random.nextBoolean();
            for (int j = 0; j < run && i < length; j++, i++) {
                bytes[i] = (byte) (ramp ? value + j : value);
            }
        }
        return bytes;
    }
}
