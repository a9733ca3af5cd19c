package io.mmdt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way of passing bytes gives the same hash, and bad inputs fail clearly. */
class HashInputsTest {

    private static final MmdtHasher HASHER = new MmdtHasher();

    @TempDir
    Path tempDir;

    @Property(tries = 40)
    void pathArrayStreamAndBufferAgree(@ForAll("lengths") int length,
            @ForAll @IntRange(min = 1, max = 70_000) int chunk,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) throws IOException {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        Path file = Files.createTempFile("mmdt", ".bin");
        try {
            Files.write(file, data);
            MmdtHash expected = HASHER.hash(data);

            assertEquals(expected, HASHER.hash(file), "hash(Path)");
            assertEquals(expected, HASHER.hash(new ChunkedInputStream(data, chunk, seed), length), "hash(InputStream)");
            assertEquals(expected, HASHER.hash(ByteBuffer.wrap(data)), "hash(heap ByteBuffer)");
            ByteBuffer direct = ByteBuffer.allocateDirect(length);
            direct.put(data).flip();
            assertEquals(expected, HASHER.hash(direct), "hash(direct ByteBuffer)");
            assertEquals(0, direct.position(), "buffer position is left unchanged");
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 30)
    void arrayRangeEqualsCopy(@ForAll @IntRange(max = 20_000) int length,
            @ForAll @IntRange(max = 500) int before, @ForAll @IntRange(max = 500) int after) {
        byte[] data = new byte[before + length + after];
        new Random(length).nextBytes(data);
        byte[] copy = java.util.Arrays.copyOfRange(data, before, before + length);

        assertEquals(HASHER.hash(copy), HASHER.hash(data, before, length));
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, 4095, 4096, 4097, 8192, 8193, 32768, 32769, 131072, 131073),
                Arbitraries.integers().between(0, 600_000));
    }

    @Test
    void missingFileRaisesNoSuchFile() {
        Path missing = tempDir.resolve("absent.bin");

        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> HASHER.hash(missing));
        assertTrue(e.getMessage().contains("absent.bin"), e.getMessage());
    }

    @Test
    void directoryIsRejected() {
        FileSystemException e = assertThrows(FileSystemException.class, () -> HASHER.hash(tempDir));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
        assertEquals(tempDir.toString(), e.getFile());
    }

    @Test
    void fifoIsRejectedWithoutBlocking() throws Exception {
        Path fifo = tempDir.resolve("pipe");
        assumeTrue(makeFifo(fifo), "mkfifo is not available");

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            FileSystemException e = assertThrows(FileSystemException.class, () -> HASHER.hash(fifo));
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        });
    }

    @Test
    void deviceIsRejected() {
        Path device = Path.of("/dev/zero");
        assumeTrue(Files.exists(device), "no /dev/zero here");

        assertThrows(FileSystemException.class, () -> HASHER.hash(device));
    }

    @Test
    void unreadableFileRaisesAccessDenied() throws IOException {
        Path file = tempDir.resolve("secret.bin");
        Files.write(file, new byte[100]);
        assumeTrue(file.toFile().setReadable(false, false) && !Files.isReadable(file),
                "permissions are not enforced for this user (root)");

        assertThrows(java.nio.file.AccessDeniedException.class, () -> HASHER.hash(file));
    }

    @Test
    void fileThatGrowsWhileReadIsAnError() {
        byte[] actual = new byte[10_000];
        IOException e = assertThrows(IOException.class,
                () -> HASHER.hash(new ArrayChannel(actual), 9_000, Path.of("growing.bin")));
        assertTrue(e.getMessage().contains("grew"), e.getMessage());
    }

    @Test
    void fileThatShrinksWhileReadIsAnError() {
        byte[] actual = new byte[8_000];
        IOException e = assertThrows(IOException.class,
                () -> HASHER.hash(new ArrayChannel(actual), 9_000, Path.of("shrinking.bin")));
        assertTrue(e.getMessage().contains("shrank"), e.getMessage());
    }

    @Test
    void shortStreamRaisesEof() {
        InputStream in = new ByteArrayInputStream(new byte[100]);

        EOFException e = assertThrows(EOFException.class, () -> HASHER.hash(in, 101));
        assertTrue(e.getMessage().contains("100 of the 101"), e.getMessage());
    }

    @Test
    void streamIsReadNoFurtherThanLength() throws IOException {
        InputStream in = new ByteArrayInputStream(new byte[200]);

        HASHER.hash(in, 150);
        assertEquals(50, in.available());
    }

    @Test
    void nullAndBadRangesAreRejected() {
        assertThrows(NullPointerException.class, () -> HASHER.hash((byte[]) null));
        assertThrows(NullPointerException.class, () -> HASHER.hash((Path) null));
        assertThrows(NullPointerException.class, () -> HASHER.hash((ByteBuffer) null));
        assertThrows(NullPointerException.class, () -> HASHER.hash((InputStream) null, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> HASHER.hash(new byte[10], 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> HASHER.hash(new byte[10], -1, 2));
        assertThrows(IllegalArgumentException.class, () -> HASHER.hash(InputStream.nullInputStream(), -1));
    }

    @Test
    void imageShapeExtendsPastTwoGibibytes() {
        ImageShape shape = ImageShape.of(5L << 30);

        assertEquals(256, shape.width);
        assertEquals((5L << 30) / 256, shape.height);
        assertThrows(IllegalArgumentException.class, () -> ImageShape.of(512L << 30));
    }

    private static boolean makeFifo(Path fifo) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            return process.waitFor() == 0 && Files.exists(fifo);
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns bytes in chunks of random size up to {@code maxChunk}, as sockets do. */
    private static final class ChunkedInputStream extends FilterInputStream {
        private final int maxChunk;
        private final Random random;

        ChunkedInputStream(byte[] data, int maxChunk, long seed) {
            super(new ByteArrayInputStream(data));
            this.maxChunk = maxChunk;
            this.random = new Random(seed);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(maxChunk)));
        }
    }

    /** A channel over an array, standing in for a file whose size changed after it was measured. */
    private static final class ArrayChannel implements ReadableByteChannel {
        private final ByteBuffer data;

        ArrayChannel(byte[] bytes) {
            this.data = ByteBuffer.wrap(bytes);
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!data.hasRemaining()) {
                return -1;
            }
            int n = Math.min(dst.remaining(), data.remaining());
            ByteBuffer slice = data.slice();
            slice.limit(n);
            dst.put(slice);
            data.position(data.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
