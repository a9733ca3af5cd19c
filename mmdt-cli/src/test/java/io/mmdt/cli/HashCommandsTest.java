package io.mmdt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCommandsTest {

    private static final MmdtHasher HASHER = new MmdtHasher();

    @TempDir
    Path dir;

    @Test
    void hashPrintsHashTwoSpacesAndPath() throws IOException {
        Path file = write("a.bin", 10_000, 1);

        CommandRun run = CommandRun.of("hash", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(HASHER.hash(file) + "  " + file + System.lineSeparator(), run.out());
    }

    @Test
    void hashReportsMissingFileAndGoesOn() throws IOException {
        Path file = write("a.bin", 5_000, 2);
        Path missing = dir.resolve("missing.bin");

        CommandRun run = CommandRun.of("hash", missing.toString(), file.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(missing + ": no such file"), run.err());
        assertTrue(run.out().contains(file.toString()), run.out());
    }

    @Test
    void hashRejectsDirectoryWithoutRecursion() {
        CommandRun run = CommandRun.of("hash", dir.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("is a directory (use -r"), run.err());
    }

    @Test
    void recursiveHashWalksTreeInNameOrder() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Path b = write("b.bin", 3_000, 3);
        Path a = write("sub/a.bin", 3_000, 4);
        Path c = write("c.bin", 3_000, 5);

        CommandRun run = CommandRun.of("hash", "-r", dir.toString());

        assertEquals(0, run.exitCode(), run.err());
        String expected = HashCommand.format(HASHER.hash(b), b) + System.lineSeparator()
                + HashCommand.format(HASHER.hash(c), c) + System.lineSeparator()
                + HashCommand.format(HASHER.hash(a), a) + System.lineSeparator();
        assertEquals(expected, run.out());
    }

    @Test
    void recursiveHashSkipsLinksOutOfTree(@TempDir Path outside) throws IOException {
        Path target = outside.resolve("secret.bin");
        Files.write(target, new byte[100]);
        Files.createSymbolicLink(dir.resolve("link.bin"), target);
        Path inside = write("inside.bin", 200, 6);
        Files.createSymbolicLink(dir.resolve("link-inside.bin"), inside);

        CommandRun run = CommandRun.of("hash", "-r", "-v", dir.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("link.bin: skipped, symbolic link points outside the tree"), run.err());
        assertTrue(run.out().contains("link-inside.bin"), run.out());
        assertTrue(!run.out().contains("secret"), run.out());
    }

    @Test
    void recursiveHashFollowsNamedLinkToDirectory(@TempDir Path elsewhere) throws IOException {
        Path real = Files.createDirectories(elsewhere.resolve("samples"));
        Files.write(real.resolve("a.bin"), new byte[5000]);
        Path link = Files.createSymbolicLink(dir.resolve("samples-link"), real);

        CommandRun run = CommandRun.of("hash", "-r", link.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(HashCommand.format(HASHER.hash(real.resolve("a.bin")), link.resolve("a.bin"))
                + System.lineSeparator(), run.out());
    }

    @Test
    void fileNameWithLineBreakCannotForgeLine() throws IOException {
        Path file = write("evil\n00000000:02020202020202020202020202020202  fake", 3_000, 7);

        CommandRun run = CommandRun.of("hash", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.out().lines().count(), run.out());
        assertTrue(run.out().contains("evil\\u000A00000000"), run.out());
    }

    @Test
    void compareAcceptsFilesAndHashes() throws IOException {
        Path a = write("a.bin", 50_000, 7);
        Path b = write("b.bin", 50_000, 8);
        MmdtHash hashB = HASHER.hash(b);

        CommandRun run = CommandRun.of("compare", a.toString(), hashB.toString().toLowerCase());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(HASHER.hash(a).similarity(hashB), Double.parseDouble(run.out().trim()));
    }

    @Test
    void compareReportsNeitherFileNorHash() {
        CommandRun run = CommandRun.of("compare", "not-a-hash", "07122B59:7212890402200212DA032EC310AFEF8A");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("not-a-hash: no such file"), run.err());
    }

    @Test
    void compareExplainsMalformedHash() {
        CommandRun run = CommandRun.of("compare", "0A0B0C0D:1010", "07122B59:7212890402200212DA032EC310AFEF8A");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("0A0B0C0D:1010"), run.err());
        assertTrue(!run.err().contains("no such file"), run.err());
    }

    @Test
    void spreadPrintsValue() {
        CommandRun run = CommandRun.of("spread", "07122B59:7212890402200212DA032EC310AFEF8A");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(MmdtHash.parse("07122B59:7212890402200212DA032EC310AFEF8A").spread(),
                Double.parseDouble(run.out().trim()));
    }

    @Test
    void spreadRejectsMalformedHashAsUsageError() {
        CommandRun run = CommandRun.of("spread", "07122B59");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("invalid mmdt hash \"07122B59\""), run.err());
    }

    @Test
    void unknownOptionIsUsageError() {
        assertEquals(2, CommandRun.of("hash", "--no-such-option", "x").exitCode());
        assertEquals(2, CommandRun.of().exitCode());
    }

    @Test
    void versionIsPrinted() {
        CommandRun run = CommandRun.of("--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("mmdt "), run.out());
    }

    private Path write(String name, int length, long seed) throws IOException {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        Path file = dir.resolve(name);
        Files.write(file, data);
        return file;
    }
}
