package io.mmdt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmdt.core.MmdtHasher;
import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.store.StoreFiles;
import io.mmdt.knn.store.StoreFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyUnpackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA1 = "5e1f0c2d3a4b59687766554433221100ffeeddcc";

    @TempDir
    Path dir;

    private final byte[] payload = randomBytes(1, 60_000);
    private Path store;
    private Path container;

    private static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Returns a ZIP of the given name, content pairs. */
    private static byte[] zip(Object... nameContentPairs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < nameContentPairs.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) nameContentPairs[i]));
                zip.write((byte[]) nameContentPairs[i + 1]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @BeforeEach
    void writeStoreAndContainer() throws IOException {
        HashStore entries = new HashStore();
        entries.append(new MmdtHasher().hash(payload), "evil", SHA1);
        store = dir.resolve("store.mmdt");
        StoreFiles.save(entries, store, StoreFormat.NATIVE);
        container = Files.write(dir.resolve("a.zip"),
                zip("readme.txt", randomBytes(2, 8_000), "lib/payload.bin", payload));
    }

    @Test
    void jsonGivesMembersThenVerdict() throws IOException {
        CommandRun run = CommandRun.of("classify", "--unpack", "--store", store.toString(), container.toString());

        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(3, lines.length, run.out());
        assertEquals(container + "!/readme.txt", JSON.readTree(lines[0]).get("input").asText());
        assertFalse(JSON.readTree(lines[0]).has("verdict"), lines[0]);
        JsonNode payloadLine = JSON.readTree(lines[1]);
        assertEquals(container + "!/lib/payload.bin", payloadLine.get("input").asText());
        assertEquals(SHA1, payloadLine.get("similars").get(0).get("hash").asText());
        JsonNode own = JSON.readTree(lines[2]);
        assertEquals(container.toString(), own.get("input").asText());
        assertEquals("evil", own.get("verdict").get("label").asText());
        assertEquals(container + "!/lib/payload.bin", own.get("verdict").get("member").asText());
        assertEquals(1.0, own.get("verdict").get("sim").asDouble());
    }

    @Test
    void tableShowsVerdictMember() {
        CommandRun run = CommandRun.of("classify", "--unpack", "--format", "table", "--store", store.toString(),
                container.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("verdict: evil  from " + container + "!/lib/payload.bin  (similarity 1.000000)"),
                run.out());
    }

    @Test
    void corruptContainerIsReportedAndNextGoesOn() throws IOException {
        byte[] zip = Files.readAllBytes(container);
        Path cut = Files.write(dir.resolve("cut.zip"), java.util.Arrays.copyOf(zip, zip.length / 2));

        CommandRun run = CommandRun.of("classify", "--unpack", "--store", store.toString(), cut.toString(),
                container.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("mmdt: " + cut + ": cannot read ZIP central directory"), run.err());
        assertEquals(3, run.out().split("\n").length, run.out());
    }

    @Test
    void unpackWithHashListIsUsageError() throws IOException {
        Path hashes = Files.writeString(dir.resolve("hashes.txt"), "0A0B0C0D:10101010101010101010101010101010\n");

        CommandRun run = CommandRun.of("classify", "--unpack", "--store", store.toString(), "--hashes", hashes.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--unpack needs files, not --hashes"), run.err());
    }
}
