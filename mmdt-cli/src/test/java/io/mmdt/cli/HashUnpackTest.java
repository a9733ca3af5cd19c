package io.mmdt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmdt.core.MmdtHasher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashUnpackTest {

    private static final MmdtHasher HASHER = new MmdtHasher();
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

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

    /** Returns the ZIP with the encryption flag (bit 0) set in every local and central header. */
    private static byte[] encrypted(byte[] zip) {
        byte[] copy = zip.clone();
        for (int i = 0; i + 10 <= copy.length; i++) {
            if (copy[i] == 'P' && copy[i + 1] == 'K' && copy[i + 2] == 3 && copy[i + 3] == 4) {
                copy[i + 6] |= 1;
            } else if (copy[i] == 'P' && copy[i + 1] == 'K' && copy[i + 2] == 1 && copy[i + 3] == 2) {
                copy[i + 8] |= 1;
            }
        }
        return copy;
    }

    @Test
    void unpackPrintsMembersThenContainer() throws IOException {
        byte[] classBytes = randomBytes(1, 20_000);
        byte[] jar = zip("c/C.class", classBytes);
        byte[] readme = randomBytes(2, 5_000);
        Path file = Files.write(dir.resolve("a.zip"), zip("lib/b.jar", jar, "readme.txt", readme));

        CommandRun run = CommandRun.of("hash", "--unpack", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        String expected = HASHER.hash(classBytes) + "  " + file + "!/lib/b.jar!/c/C.class" + NL
                + HASHER.hash(jar) + "  " + file + "!/lib/b.jar" + NL
                + HASHER.hash(readme) + "  " + file + "!/readme.txt" + NL
                + HASHER.hash(file) + "  " + file + NL;
        assertEquals(expected, run.out());
    }

    @Test
    void unpackPlainFileIsOneLine() throws IOException {
        Path file = Files.write(dir.resolve("plain.bin"), randomBytes(3, 9_000));

        CommandRun run = CommandRun.of("hash", "--unpack", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(HashCommand.format(HASHER.hash(file), file) + NL, run.out());
    }

    @Test
    void unpackReportsEncryptedAndGoesOn() throws IOException {
        Path locked = Files.write(dir.resolve("locked.zip"), encrypted(zip("secret.txt", randomBytes(4, 100))));
        Path plain = Files.write(dir.resolve("plain.bin"), randomBytes(5, 9_000));

        CommandRun run = CommandRun.of("hash", "--unpack", locked.toString(), plain.toString());

        assertEquals(1, run.exitCode());
        assertEquals("mmdt: " + locked + "!/secret.txt: member is encrypted, so its content cannot be read" + NL,
                run.err());
        assertEquals(HashCommand.format(HASHER.hash(plain), plain) + NL, run.out());
    }

    @Test
    void unpackReportsMissingFile() {
        Path missing = dir.resolve("missing.zip");

        CommandRun run = CommandRun.of("hash", "--unpack", missing.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(missing + ": no such file"), run.err());
    }

    @Test
    void unpackEscapesNewlineInMemberName() throws IOException {
        byte[] content = randomBytes(6, 3_000);
        String forged = "a.txt\n0000000A:00000000000000000000000000000000  forged.exe";
        Path file = Files.write(dir.resolve("names.zip"), zip(forged, content));

        CommandRun run = CommandRun.of("hash", "--unpack", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(HASHER.hash(content) + "  " + file + "!/a.txt\\u000A0000000A:00000000000000000000000000000000  forged.exe" + NL
                + HashCommand.format(HASHER.hash(file), file) + NL, run.out());
    }
}
