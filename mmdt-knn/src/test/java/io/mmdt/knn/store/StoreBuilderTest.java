package io.mmdt.knn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmdt.core.MmdtHasher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBuilderTest {

    @TempDir
    Path dir;

    private final MmdtHasher hasher = new MmdtHasher();

    @Test
    void buildMatchesSequentialOracle() throws Exception {
        Path samples = dir.resolve("samples");
        Map<String, String> labels = new HashMap<>();
        List<Path> files = writeSamples(samples, 40, labels);

        BuildResult result = new StoreBuilder().recursive(true).parallelism(4).build(samples, labels);

        List<StoreEntry> expected = new ArrayList<>();
        int lowSpread = 0;
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            StoreEntry entry = new StoreEntry(hasher.hash(content), labels.get(file.getFileName().toString()),
                    sha1(content));
            if (entry.hash().spread() > 10.0) {
                expected.add(entry);
            } else {
                lowSpread++;
            }
        }
        assertTrue(expected.size() > 10, "most samples have a wide spread");
        assertEquals(expected, result.store().stream().toList());
        assertEquals(lowSpread, result.lowSpread().size());
        assertTrue(lowSpread > 0, "the samples include constant files, whose spread is 0");
        assertEquals(List.of(), result.failures());
    }

    @Test
    void entriesFollowRelativePathOrder() throws Exception {
        Path samples = dir.resolve("samples");
        Map<String, String> labels = new HashMap<>();
        writeSamples(samples, 30, labels);

        BuildResult first = new StoreBuilder().recursive(true).parallelism(3).build(samples, labels);
        BuildResult second = new StoreBuilder().recursive(true).parallelism(1).build(samples, labels);

        assertEquals(first.store().stream().toList(), second.store().stream().toList());
    }

    @Test
    void unlabelledFilesAreSkippedUnlessDefaultGiven() throws Exception {
        Path samples = Files.createDirectories(dir.resolve("samples"));
        Files.write(samples.resolve("known"), structuredBytes(1, 5000));
        Files.write(samples.resolve("unknown"), structuredBytes(2, 5000));
        Map<String, String> labels = Map.of("known", "virlock");

        BuildResult skipped = new StoreBuilder().minSpread(-1).build(samples, labels);
        BuildResult defaulted = new StoreBuilder().minSpread(-1).defaultLabel("None").build(samples, labels);

        assertEquals(1, skipped.added());
        assertEquals(List.of(samples.resolve("unknown")), skipped.unlabelled());
        assertEquals(2, defaulted.added());
        assertEquals("None", defaulted.store().label(1));
    }

    @Test
    void topLevelOnlyUnlessRecursive() throws Exception {
        Path samples = Files.createDirectories(dir.resolve("samples"));
        Files.write(samples.resolve("top"), structuredBytes(1, 3000));
        Files.write(Files.createDirectories(samples.resolve("sub")).resolve("deep"), structuredBytes(2, 3000));

        BuildResult flat = new StoreBuilder().minSpread(-1).defaultLabel("x").build(samples, Map.of());
        BuildResult deep = new StoreBuilder().minSpread(-1).defaultLabel("x").recursive(true).build(samples, Map.of());

        assertEquals(1, flat.added());
        assertEquals(2, deep.added());
    }

    @Test
    void symbolicLinksAreNotFollowed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.write(outside.resolve("secret"), structuredBytes(3, 3000));
        Path samples = Files.createDirectories(dir.resolve("samples"));
        Files.write(samples.resolve("real"), structuredBytes(4, 3000));
        Files.createSymbolicLink(samples.resolve("linked-file"), outside.resolve("secret"));
        Files.createSymbolicLink(samples.resolve("linked-dir"), outside);

        BuildResult result = new StoreBuilder().minSpread(-1).defaultLabel("x").recursive(true)
                .build(samples, Map.of());

        assertEquals(1, result.added());
        assertEquals(sha1(structuredBytes(4, 3000)), result.store().sampleId(0));
    }

    @Test
    void progressCountsEveryFile() throws Exception {
        Path samples = dir.resolve("samples");
        Map<String, String> labels = new HashMap<>();
        List<Path> files = writeSamples(samples, 12, labels);
        Files.write(samples.resolve("unlabelled"), structuredBytes(9, 100));
        List<Integer> reports = new CopyOnWriteArrayList<>();

        new StoreBuilder().recursive(true).progress((done, total, file) -> {
            reports.add(done);
            assertEquals(files.size() + 1, total);
        }).build(samples, labels);

        assertEquals(files.size() + 1, reports.size());
        assertEquals(files.size() + 1, reports.get(reports.size() - 1));
    }

    @Test
    void labelsFileSkipsHeaderAndComments() throws IOException {
        Path csv = Files.writeString(dir.resolve("labels.csv"),
                "Name,Label\n# comment\n\na.exe, virlock \nb.exe,Trojan:Win32,x\n");

        Map<String, String> labels = SampleLabels.read(csv);

        assertEquals(Map.of("a.exe", "virlock", "b.exe", "Trojan:Win32,x"), labels);
    }

    @Test
    void labelsFileRejectsLineWithoutComma() throws IOException {
        Path csv = Files.writeString(dir.resolve("labels.csv"), "a.exe,clean\nb.exe\n");

        IOException e = assertThrows(IOException.class, () -> SampleLabels.read(csv));
        assertTrue(e.getMessage().contains("labels.csv line 2"), e.getMessage());
    }

    @Test
    void labelsFileRejectsConflictingDuplicate() throws IOException {
        Path csv = Files.writeString(dir.resolve("labels.csv"), "a.exe,clean\na.exe,clean\na.exe,virlock\n",
                StandardCharsets.UTF_8);

        IOException e = assertThrows(IOException.class, () -> SampleLabels.read(csv));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    /**
     * Writes {@code count} samples, some in a sub-directory, labels them, and returns them in
     * relative path order. Every fifth sample is constant bytes, so its spread is 0.
     */
    private static List<Path> writeSamples(Path samples, int count, Map<String, String> labels) throws IOException {
        Files.createDirectories(samples.resolve("sub"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("s%03d.bin", i);
            Path file = i % 3 == 0 ? samples.resolve("sub").resolve(name) : samples.resolve(name);
            byte[] content = i % 5 == 0 ? new byte[2000 + i] : structuredBytes(i, 1000 + 337 * i);
            Files.write(file, content);
            labels.put(name, "family" + (i % 4));
            files.add(file);
        }
        files.sort((a, b) -> samples.relativize(a).toString().compareTo(samples.relativize(b).toString()));
        return files;
    }

    /** Returns bytes with runs and ramps, which give hashes with a wide spread. */
    private static byte[] structuredBytes(long seed, int length) {
        Random random = new Random(seed);
        byte[] out = new byte[length];
        int i = 0;
        while (i < length) {
            int run = 1 + random.nextInt(200);
            int value = random.nextInt(256);
            boolean ramp = random.nextBoolean();
            for (int j = 0; j < run && i < length; j++, i++) {
                out[i] = (byte) (ramp ? value + j : value);
            }
        }
        return out;
    }

    private static String sha1(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
    }
}
