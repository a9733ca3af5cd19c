package io.mmdt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FIFOs, devices, huge option values and unwritable outputs end with one clear line. */
class SpecialInputCommandsTest {

    private static final String HASH = "4466603A:DE2B1D1E2E3B2C3E5220426747F994BB";
    private static final String SHA1 = "d3abebe287671fe1e09e79cdab88533aa68874e4";

    @TempDir
    Path dir;

    @Test
    void fifoStoreIsRejectedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("store.fifo");
        assumeTrue(makeFifo(fifo), "mkfifo is not available");

        CommandRun run = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> CommandRun.of("store", "info", fifo.toString()));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("not a regular file"), run.err());
    }

    @Test
    void deviceHashListIsRejected() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        Path store = textStore();

        CommandRun run = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> CommandRun.of("classify", "--store", store.toString(), "--hashes", "/dev/zero"));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("not a regular file"), run.err());
    }

    @Test
    void hugeKIsCappedByStoreSize() throws IOException {
        Path store = textStore();
        Path hashes = Files.writeString(dir.resolve("hashes.txt"), HASH + "\n");

        CommandRun run = CommandRun.of("classify", "--store", store.toString(), "-k", "2147483647",
                "--hashes", hashes.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"label\":\"coreutils\""), run.out());
    }

    @Test
    void zeroThreadsIsUsageError() {
        CommandRun run = CommandRun.of("hash", "-j", "0", "x");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("invalid value for --threads: 0"), run.err());
    }

    @Test
    void outputInMissingDirectoryIsNamed() throws IOException {
        Path store = textStore();
        Path output = dir.resolve("missing").resolve("out.mmdt");

        CommandRun run = CommandRun.of("store", "convert", store.toString(), output.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("directory " + output.getParent() + " does not exist"), run.err());
    }

    private Path textStore() throws IOException {
        return Files.writeString(dir.resolve("store.txt"), HASH + ":coreutils:" + SHA1 + "\n");
    }

    private static boolean makeFifo(Path fifo) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            return process.waitFor() == 0 && Files.exists(fifo);
        } catch (IOException e) {
            return false;
        }
    }
}
