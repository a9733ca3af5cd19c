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
        assertEquals(HashCommand.format(HASHER.hash(locked), locked) + NL
                + HashCommand.format(HASHER.hash(plain), plain) + NL, run.out());
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

    @Test
    void maxMembersOptionStopsLargeArchive() throws IOException {
        Path file = dir.resolve("three.zip");
        Files.write(file, zip("a", randomBytes(1, 100), "b", randomBytes(2, 100), "c", randomBytes(3, 100)));

        CommandRun run = CommandRun.of("hash", "--unpack", "--max-members", "2", file.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("limit of 2"), run.err());
        assertTrue(run.err().contains("(UnpackLimits.maxMembers); raise it with --max-members"), run.err());
    }

    @Test
    void maxDepthOptionAllowsDeeperNesting() throws IOException {
        byte[] inner = randomBytes(4, 5000);
        byte[] nested = zip("l1.zip", zip("l2.zip", zip("l3.zip", zip("deep.bin", inner))));
        Path file = dir.resolve("deep.zip");
        Files.write(file, nested);

        CommandRun defaults = CommandRun.of("hash", "--unpack", file.toString());
        CommandRun deeper = CommandRun.of("hash", "--unpack", "--max-depth", "4", file.toString());

        assertEquals(1, defaults.exitCode());
        assertEquals(0, deeper.exitCode(), deeper.err());
        assertTrue(deeper.out().contains(HASHER.hash(inner) + "  " + file + "!/l1.zip!/l2.zip!/l3.zip!/deep.bin"),
                deeper.out());
    }

    @Test
    void limitOptionsRejectBadValues() {
        CommandRun zero = CommandRun.of("hash", "--unpack", "--max-depth", "0", "x");
        CommandRun size = CommandRun.of("hash", "--unpack", "--max-unpacked", "12X", "x");
        CommandRun huge = CommandRun.of("hash", "--unpack", "--max-member-size", "4G", "x");
        CommandRun withoutUnpack = CommandRun.of("hash", "--max-members", "5", "x");

        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("invalid value for --max-depth: 0 (expected 1 or more)"), zero.err());
        assertEquals(2, size.exitCode());
        assertTrue(size.err().contains("invalid value for --max-unpacked: '12X'"), size.err());
        assertEquals(2, huge.exitCode());
        assertTrue(huge.err().contains("invalid value for --max-member-size: '4G'"), huge.err());
        assertEquals(2, withoutUnpack.exitCode());
        assertTrue(withoutUnpack.err().contains("options need --unpack"), withoutUnpack.err());
    }

    @Test
    void sizeAcceptsBinarySuffixes() {
        picocli.CommandLine.Model.CommandSpec spec = new picocli.CommandLine(new MmdtCommand()).getCommandSpec();

        assertEquals(512L << 20, UnpackLimitOptions.size(spec, "--max-unpacked", "512M"));
        assertEquals(2L << 30, UnpackLimitOptions.size(spec, "--max-unpacked", "2g"));
        assertEquals(64L << 10, UnpackLimitOptions.size(spec, "--max-unpacked", "64K"));
        assertEquals(1000L, UnpackLimitOptions.size(spec, "--max-unpacked", "1000"));
        picocli.CommandLine.ParameterException huge = org.junit.jupiter.api.Assertions.assertThrows(
                picocli.CommandLine.ParameterException.class,
                () -> UnpackLimitOptions.size(spec, "--max-unpacked", "99999999999999999999"));
        assertTrue(huge.getMessage().contains("too large"), huge.getMessage());
    }

    @Test
    void encryptedSelfExtractorKeepsOwnLine() throws IOException {
        byte[] stub = randomBytes(12, 20_000);
        byte[] payload = encrypted(zip("secret.txt", randomBytes(13, 100)));
        byte[] program = java.util.Arrays.copyOf(stub, stub.length + payload.length);
        System.arraycopy(payload, 0, program, stub.length, payload.length);
        Path file = dir.resolve("installer.exe");
        Files.write(file, program);

        CommandRun run = CommandRun.of("hash", "--unpack", file.toString());

        assertEquals(1, run.exitCode());
        assertEquals(HashCommand.format(HASHER.hash(file), file) + NL, run.out());
        assertTrue(run.err().contains("member is encrypted"), run.err());
    }
}
