package io.mmdt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.store.StoreFiles;
import io.mmdt.knn.store.StoreFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {

    private static final String SHA1_A = "5e1f0c2d3a4b59687766554433221100ffeeddcc";
    private static final String SHA1_B = "0123456789abcdef0123456789abcdef01234567";
    private static final String SHA1_C = "fedcba9876543210fedcba9876543210fedcba98";
    private static final String QUERY = "0A0B0C0D:10101010101010101010101010101010";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path store;

    @BeforeEach
    void writeStore() throws IOException {
        HashStore entries = new HashStore();
        entries.append(MmdtHash.parse("0A0B0C0D:10101010101010101010101010101011"), "virlock", SHA1_A);
        entries.append(MmdtHash.parse(QUERY), "APT28", SHA1_B);
        entries.append(MmdtHash.parse("01010101:FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"), "clean", SHA1_C);
        store = dir.resolve("store.mmdt");
        StoreFiles.save(entries, store, StoreFormat.NATIVE);
    }

    @Test
    void hashListGivesJsonPerLine() throws IOException {
        Path hashes = Files.writeString(dir.resolve("hashes.txt"), "# queries\n\n" + QUERY + "\n");

        CommandRun run = CommandRun.of("classify", "--store", store.toString(), "--hashes", hashes.toString());

        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(1, lines.length, run.out());
        JsonNode result = JSON.readTree(lines[0]);
        assertEquals(QUERY, result.get("input").asText());
        assertEquals(QUERY, result.get("mmdt").asText());
        assertEquals("APT28", result.get("label").asText());
        assertEquals("APT28", result.get("labels").get(0).get("label").asText());
        assertEquals("50.00%", result.get("labels").get(0).get("ratio").asText());
        assertEquals(SHA1_B, result.get("similars").get(0).get("hash").asText());
        assertEquals(1.0, result.get("similars").get(0).get("sim").asDouble());
        assertEquals(SHA1_A, result.get("similars").get(1).get("hash").asText());
        assertEquals(2, result.get("similars").size());
    }

    @Test
    void hashListReadsStandardInput() throws IOException {
        InputStream originalIn = System.in;
        try {
            System.setIn(new ByteArrayInputStream((QUERY + "\n").getBytes(StandardCharsets.UTF_8)));

            CommandRun run = CommandRun.of("classify", "--store", store.toString(), "--hashes", "-");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals("APT28", JSON.readTree(run.out()).get("label").asText());
        } finally {
            System.setIn(originalIn);
        }
    }

    @Test
    void missingHashListIsUsageError() {
        CommandRun run = CommandRun.of("classify", "--store", store.toString(),
                "--hashes", dir.resolve("absent.txt").toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("hash list not found"), run.err());
        assertTrue(run.err().contains("absent.txt"), run.err());
    }

    @Test
    void simpleMethodUsesIndex() throws IOException {
        Path hashes = Files.writeString(dir.resolve("hashes.txt"), "0A0B0C0E:10101010101010101010101010101010\n");

        CommandRun run = CommandRun.of("classify", "--store", store.toString(), "--method", "simple",
                "--hashes", hashes.toString());

        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = JSON.readTree(run.out());
        assertEquals("unknown", result.get("label").asText());
        assertEquals(0, result.get("similars").size());
    }

    @Test
    void invalidHashLineIsReportedWithLineNumber() throws IOException {
        Path hashes = Files.writeString(dir.resolve("hashes.txt"), QUERY + "\nnot-a-hash\n" + QUERY + "\n");

        CommandRun run = CommandRun.of("classify", "--store", store.toString(), "--hashes", hashes.toString());

        assertEquals(1, run.exitCode());
        assertEquals(2, run.out().split("\n").length, run.out());
        assertTrue(run.err().contains("hashes.txt:2: invalid mmdt hash \"not-a-hash\""), run.err());
    }

    @Test
    void nonUtf8HashLineIsReported() throws IOException {
        byte[] query = (QUERY + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        content.write(query);
        content.write(new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        content.write(query);
        Path hashes = Files.write(dir.resolve("hashes.txt"), content.toByteArray());

        CommandRun run = CommandRun.of("classify", "--store", store.toString(), "--hashes", hashes.toString());

        assertEquals(1, run.exitCode());
        assertEquals(2, run.out().split("\n").length, run.out());
        assertTrue(run.err().contains("hashes.txt:2: invalid mmdt hash"), run.err());
    }

    @Test
    void filesAreHashedAndClassified() throws IOException {
        byte[] content = new byte[5000];
        new Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("sample.bin"), content);
        Path missing = dir.resolve("missing.bin");
        MmdtHash expected = new MmdtHasher().hash(content);

        CommandRun run = CommandRun.of("classify", "--store", store.toString(), file.toString(), missing.toString());

        assertEquals(1, run.exitCode());
        JsonNode result = JSON.readTree(run.out());
        assertEquals(file.toString(), result.get("input").asText());
        assertEquals(expected.toString(), result.get("mmdt").asText());
        assertTrue(run.err().contains("missing.bin"), run.err());
    }

    @Test
    void tableFormatListsNeighbours() throws IOException {
        Path hashes = Files.writeString(dir.resolve("hashes.txt"), QUERY + "\n");

        CommandRun run = CommandRun.of("classify", "--store", store.toString(), "--format", "table",
                "--hashes", hashes.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("label:    APT28"), run.out());
        assertTrue(run.out().contains("similar:  1.000000  " + SHA1_B + "  APT28"), run.out());
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        Path hashes = Files.writeString(dir.resolve("hashes.txt"), QUERY + "\n");
        String list = hashes.toString();

        CommandRun noStore = CommandRun.of("classify", "--hashes", list);
        CommandRun missingStore = CommandRun.of("classify", "--store", dir.resolve("none.mmdt").toString(), "--hashes", list);
        CommandRun badThreshold = CommandRun.of("classify", "--store", store.toString(), "-t", "1.5", "--hashes", list);
        CommandRun badK = CommandRun.of("classify", "--store", store.toString(), "-k", "0", "--hashes", list);
        CommandRun noInput = CommandRun.of("classify", "--store", store.toString());

        assertEquals(2, noStore.exitCode());
        assertTrue(noStore.err().contains("--store"), noStore.err());
        assertEquals(2, missingStore.exitCode());
        assertTrue(missingStore.err().contains("none.mmdt"), missingStore.err());
        assertEquals(2, badThreshold.exitCode());
        assertTrue(badThreshold.err().contains("1.5"), badThreshold.err());
        assertEquals(2, badK.exitCode());
        assertTrue(badK.err().contains("-k: 0"), badK.err());
        assertEquals(2, noInput.exitCode());
        assertTrue(noInput.err().contains("missing input"), noInput.err());
    }
}
