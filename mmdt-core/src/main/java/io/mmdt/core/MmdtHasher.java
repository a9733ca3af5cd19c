package io.mmdt.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Computes mmdt hashes, bit-exact with python_mmdt 0.3.1.
 *
 * <p>The input is seen as a grey-scale image (256, 128, 64 or 32 bytes wide, depending on its
 * size), resampled to 16 × 16 and 64 × 64 pixels with Pillow's Lanczos filter, and folded
 * into a 4-byte index and a 16-byte main part; see {@link MmdtHash}. Because the image width
 * depends on the total length, every method needs that length before it reads: streams are
 * hashed with {@link #hash(InputStream, long)}.
 *
 * <p>Memory use does not grow with the input: each hash in progress uses about 540 KiB of
 * working arrays for one block of rows, and all hashers share a cache of resampling weights
 * bounded at about 24 MiB. Finished hashes return their arrays to a shared pool of one set
 * per core (at most 32), so the next hash does not allocate them again.
 * Inputs of 2 GiB and more are hashed by the same rules with 64-bit sizes. python_mmdt
 * overflows on them, so their hashes have no reference value. Inputs of 512 GiB and more
 * are rejected.
 *
 * <p>Instances are immutable and thread-safe; one instance may serve every thread.
 *
 * <pre>{@code
 * MmdtHasher hasher = new MmdtHasher();
 * MmdtHash hash = hasher.hash(Path.of("/usr/bin/ls"));
 * System.out.println(hash);   // for example 0A1B2C3D:00112233445566778899AABBCCDDEEFF
 * }</pre>
 */
public final class MmdtHasher {

    /** Bytes read from a file or stream at a time. */
    private static final int READ_CHUNK = 1 << 20;

    /** Creates a hasher. */
    public MmdtHasher() {
    }

    /**
     * Hashes all bytes of {@code data}.
     *
     * @throws NullPointerException if {@code data} is null
     */
    public MmdtHash hash(byte[] data) {
        Objects.requireNonNull(data, "data");
        return hash(data, 0, data.length);
    }

    /**
     * Hashes {@code length} bytes of {@code data} starting at {@code offset}.
     *
     * @throws NullPointerException if {@code data} is null
     * @throws IndexOutOfBoundsException if the range is not inside {@code data}
     */
    public MmdtHash hash(byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
        MmdtDigest digest = new MmdtDigest(length);
        digest.update(data, offset, length);
        return digest.digest();
    }

    /**
     * Hashes the remaining bytes of {@code buffer}, from its position to its limit. The
     * buffer's position, limit and mark are left unchanged.
     *
     * @throws NullPointerException if {@code buffer} is null
     */
    public MmdtHash hash(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        MmdtDigest digest = new MmdtDigest(buffer.remaining());
        digest.update(buffer.duplicate());
        return digest.digest();
    }

    /**
     * Hashes the next {@code length} bytes of {@code in}. Reads exactly that many bytes and
     * no more; does not close the stream.
     *
     * @throws NullPointerException if {@code in} is null
     * @throws IllegalArgumentException if {@code length} is negative or 512 GiB or more
     * @throws EOFException if the stream ends before {@code length} bytes
     * @throws IOException if reading fails
     */
    public MmdtHash hash(InputStream in, long length) throws IOException {
        Objects.requireNonNull(in, "in");
        MmdtDigest digest = new MmdtDigest(length);
        byte[] chunk = new byte[(int) Math.min(READ_CHUNK, Math.max(length, 1))];
        long remaining = length;
        while (remaining > 0) {
            int read = in.read(chunk, 0, (int) Math.min(chunk.length, remaining));
            if (read < 0) {
                throw new EOFException("stream ended after " + (length - remaining) + " of the "
                        + length + " bytes to hash");
            }
            digest.update(chunk, 0, read);
            remaining -= read;
        }
        return digest.digest();
    }

    /**
     * Hashes the content of a regular file, following symbolic links.
     *
     * <p>Directories, FIFOs, sockets and devices are rejected before the file is opened, so a
     * FIFO never blocks the call. The file must not change length while it is read.
     *
     * @throws NullPointerException if {@code file} is null
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws java.nio.file.AccessDeniedException if the file cannot be read
     * @throws FileSystemException if the path is a directory or not a regular file
     * @throws IOException if the file grew or shrank while it was read, or reading failed
     */
    public MmdtHash hash(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new FileSystemException(
                    file.toString(), null, "not a regular file (a FIFO, socket or device); not hashed");
        }

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return hash(channel, channel.size(), file);
        }
    }

    /**
     * Hashes a channel that should hold exactly {@code size} bytes, reading until its end so
     * that a file that grew or shrank during the read is detected.
     */
    MmdtHash hash(ReadableByteChannel channel, long size, Path file) throws IOException {
        MmdtDigest digest = new MmdtDigest(size);
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(READ_CHUNK, Math.max(size, 1)) + 1);
        long read = 0;
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                break;
            }
            if (read + n > size) {
                throw new IOException(file + ": file grew while it was read (its size was "
                        + size + " bytes when hashing started)");
            }
            digest.update(buffer.array(), 0, n);
            read += n;
        }
        if (read != size) {
            throw new IOException(file + ": file shrank while it was read (" + read
                    + " of " + size + " bytes read)");
        }
        return digest.digest();
    }
}
