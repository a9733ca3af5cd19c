package io.mmdt.knn.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads and writes the {@linkplain StoreFormat#NATIVE native store format}. All numbers are
 * big-endian. The layout:
 *
 * <pre>
 * header, 40 bytes:
 *   magic             8 bytes  89 'M' 'M' 'D' 'T' 0D 0A 1A
 *   version           u32      1
 *   entry count n     u32
 *   label count L     u32
 *   other id count m  u32      sample ids that are not 40 lower-case hex digits
 *   other id bytes    u64      length of the other-id section
 *   label bytes       u64      length of the label section
 * columns:
 *   indexes           n × u32
 *   main high halves  n × u64  main bytes 0..7
 *   main low halves   n × u64  main bytes 8..15
 *   label ids         n × u32  each below L
 *   packed sample ids n × 20 bytes, zero for the entries in the other-id section
 * other-id section:   m × u32 positions, strictly increasing and below n,
 *                     then m × (u32 length, UTF-8 bytes)
 * label section:      L × (u32 length, UTF-8 bytes), label id i is the i-th
 * CRC32C              u32 over every byte before it
 * </pre>
 *
 * <p>The magic number starts with a non-ASCII byte and contains CR LF and Ctrl-Z, like PNG's,
 * so that a text-mode transfer that damages the file also breaks the magic number.
 */
final class NativeStoreCodec {

    static final byte[] MAGIC = {(byte) 0x89, 'M', 'M', 'D', 'T', 0x0D, 0x0A, 0x1A};

    static final int VERSION = 1;

    static final int HEADER_BYTES = 40;

    /** Bytes per entry in the columns: index, two main halves, label id, packed sample id. */
    static final int COLUMN_BYTES_PER_ENTRY = 4 + 8 + 8 + 4 + HashStore.PACKED_ID_BYTES;

    private static final int CRC_BYTES = 4;

    /** Whole-file reads use a byte array, so files up to this size load. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private static final int WRITE_BUFFER_BYTES = 1 << 16;

    private NativeStoreCodec() {
    }

    /**
     * Reads a native store. The header's counts are checked against the file size before
     * anything else is allocated, and the CRC before any entry is parsed.
     *
     * @throws StoreFormatException if the file is not a valid native store
     * @throws IOException if the file cannot be read
     */
    static HashStore read(Path file) throws IOException {
        byte[] content;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            readFully(channel, header, file);
            header.flip();
            long expectedSize = checkHeader(header, fileSize, file);

            // Limitation: the whole file is read into one array, so stores above 2 GiB
            // (about 48 million entries) do not load.
            if (expectedSize > MAX_FILE_BYTES) {
                throw new StoreFormatException(file, "store of " + expectedSize + " bytes is too large to load");
            }
            content = new byte[(int) expectedSize];
            System.arraycopy(header.array(), 0, content, 0, HEADER_BYTES);
            readFully(channel, ByteBuffer.wrap(content, HEADER_BYTES, content.length - HEADER_BYTES), file);
        }

        CRC32C crc = new CRC32C();
        crc.update(content, 0, content.length - CRC_BYTES);
        int storedCrc = ByteBuffer.wrap(content, content.length - CRC_BYTES, CRC_BYTES).getInt();
        if ((int) crc.getValue() != storedCrc) {
            throw new StoreFormatException(file, String.format(
                    "CRC32C mismatch: stored %08x, computed %08x; the file is corrupted", storedCrc, (int) crc.getValue()));
        }

        try {
            return parse(ByteBuffer.wrap(content, 0, content.length - CRC_BYTES), file);
        } catch (BufferUnderflowException e) {
            throw new StoreFormatException(file, "a section is shorter than the length in the header; the file is corrupted", e);
        }
    }

    /** Checks the header and returns the file size it implies, which must equal {@code fileSize}. */
    private static long checkHeader(ByteBuffer header, long fileSize, Path file) throws StoreFormatException {
        byte[] magic = new byte[MAGIC.length];
        header.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new StoreFormatException(file, "bad magic number, not a native mmdt store");
        }
        int version = header.getInt();
        if (version != VERSION) {
            throw new StoreFormatException(file, "unknown format version " + Integer.toUnsignedString(version)
                    + ", this library reads version " + VERSION);
        }
        long entries = Integer.toUnsignedLong(header.getInt());
        long labels = Integer.toUnsignedLong(header.getInt());
        long otherIds = Integer.toUnsignedLong(header.getInt());
        long otherIdBytes = header.getLong();
        long labelBytes = header.getLong();

        if (otherIds > entries) {
            throw new StoreFormatException(file, "other id count " + otherIds + " exceeds entry count " + entries);
        }
        if (otherIdBytes < 0 || otherIdBytes < 8 * otherIds) {
            throw new StoreFormatException(file, "other-id section of " + otherIdBytes + " bytes cannot hold "
                    + otherIds + " ids");
        }
        if (labelBytes < 0 || labelBytes < 4 * labels) {
            throw new StoreFormatException(file, "label section of " + labelBytes + " bytes cannot hold "
                    + labels + " labels");
        }
        if (entries > 0 && labels == 0) {
            throw new StoreFormatException(file, entries + " entries but no labels");
        }

        if (otherIdBytes > fileSize || labelBytes > fileSize) {
            throw new StoreFormatException(file, "file has " + fileSize + " bytes but its header describes sections of "
                    + otherIdBytes + " and " + labelBytes + " bytes; the file is truncated or corrupted");
        }

        // The columns take below 2^38 bytes and each section is no larger than the file,
        // so the sum cannot overflow for a real file size.
        long expected = HEADER_BYTES + entries * COLUMN_BYTES_PER_ENTRY + otherIdBytes + labelBytes + CRC_BYTES;
        if (expected != fileSize) {
            throw new StoreFormatException(file, "file has " + fileSize + " bytes but its header describes "
                    + expected + " (" + entries + " entries, " + labels + " labels); the file is truncated or corrupted");
        }
        return expected;
    }

    private static HashStore parse(ByteBuffer buffer, Path file) throws StoreFormatException {
        buffer.position(MAGIC.length + 4);
        int n = buffer.getInt();
        int labelCount = buffer.getInt();
        int otherIdCount = buffer.getInt();
        long otherIdBytes = buffer.getLong();
        long labelBytes = buffer.getLong();

        int[] indexes = new int[n];
        long[] mainHighs = new long[n];
        long[] mainLows = new long[n];
        int[] labelIds = new int[n];
        byte[] packedIds = new byte[n * HashStore.PACKED_ID_BYTES];
        getInts(buffer, indexes);
        getLongs(buffer, mainHighs);
        getLongs(buffer, mainLows);
        getInts(buffer, labelIds);
        buffer.get(packedIds);

        int otherStart = buffer.position();
        int[] otherIdPositions = new int[otherIdCount];
        getInts(buffer, otherIdPositions);
        String[] otherIds = new String[otherIdCount];
        for (int k = 0; k < otherIdCount; k++) {
            int position = otherIdPositions[k];
            if (position < 0 || position >= n || (k > 0 && position <= otherIdPositions[k - 1])) {
                throw new StoreFormatException(file, "other id position " + Integer.toUnsignedString(position)
                        + " is out of order or not below the entry count " + n);
            }
            otherIds[k] = getString(buffer, file, "sample id");
            try {
                StoreEntry.checkSampleId(otherIds[k]);
            } catch (IllegalArgumentException e) {
                throw new StoreFormatException(file, "entry " + position + ": " + e.getMessage(), e);
            }
        }
        if (buffer.position() - otherStart != otherIdBytes) {
            throw new StoreFormatException(file, "other-id section has " + (buffer.position() - otherStart)
                    + " bytes but the header says " + otherIdBytes);
        }

        int labelStart = buffer.position();
        String[] labels = new String[labelCount];
        for (int id = 0; id < labelCount; id++) {
            labels[id] = getString(buffer, file, "label");
            try {
                StoreEntry.checkLabel(labels[id]);
            } catch (IllegalArgumentException e) {
                throw new StoreFormatException(file, "label " + id + ": " + e.getMessage(), e);
            }
        }
        if (buffer.position() - labelStart != labelBytes || buffer.hasRemaining()) {
            throw new StoreFormatException(file, "label section has " + (buffer.limit() - labelStart)
                    + " bytes but the header says " + labelBytes);
        }

        for (int i = 0; i < n; i++) {
            if (labelIds[i] < 0 || labelIds[i] >= labelCount) {
                throw new StoreFormatException(file, "entry " + i + " has label id "
                        + Integer.toUnsignedString(labelIds[i]) + " but there are only " + labelCount + " labels");
            }
        }

        HashStore.Columns columns = new HashStore.Columns(n, indexes, mainHighs, mainLows, labelIds, packedIds,
                otherIdPositions, otherIds, otherIdCount, labels, labelCount);
        try {
            return HashStore.fromColumns(columns);
        } catch (IllegalArgumentException e) {
            throw new StoreFormatException(file, e.getMessage(), e);
        }
    }

    /**
     * Writes {@code store}'s current snapshot in the native format. Does not close {@code out}.
     */
    static void write(HashStore store, OutputStream out) throws IOException {
        HashStore.Columns c = store.columns();
        int n = c.size;
        byte[][] otherIds = new byte[c.otherIdCount][];
        long otherIdBytes = 4L * c.otherIdCount;
        for (int k = 0; k < c.otherIdCount; k++) {
            otherIds[k] = c.otherIds[k].getBytes(StandardCharsets.UTF_8);
            otherIdBytes += 4 + otherIds[k].length;
        }
        byte[][] labels = new byte[c.labelCount][];
        long labelBytes = 0;
        for (int id = 0; id < c.labelCount; id++) {
            labels[id] = c.labels[id].getBytes(StandardCharsets.UTF_8);
            labelBytes += 4 + labels[id].length;
        }

        CrcWriter writer = new CrcWriter(out);
        writer.buffer.put(MAGIC)
                .putInt(VERSION)
                .putInt(n)
                .putInt(c.labelCount)
                .putInt(c.otherIdCount)
                .putLong(otherIdBytes)
                .putLong(labelBytes);
        for (int i = 0; i < n; i++) {
            writer.room(4).putInt(c.indexes[i]);
        }
        for (int i = 0; i < n; i++) {
            writer.room(8).putLong(c.mainHighs[i]);
        }
        for (int i = 0; i < n; i++) {
            writer.room(8).putLong(c.mainLows[i]);
        }
        for (int i = 0; i < n; i++) {
            writer.room(4).putInt(c.labelIds[i]);
        }
        writer.bytes(c.packedIds, 0, n * HashStore.PACKED_ID_BYTES);
        for (int k = 0; k < c.otherIdCount; k++) {
            writer.room(4).putInt(c.otherIdPositions[k]);
        }
        for (byte[] id : otherIds) {
            writer.room(4).putInt(id.length);
            writer.bytes(id, 0, id.length);
        }
        for (byte[] label : labels) {
            writer.room(4).putInt(label.length);
            writer.bytes(label, 0, label.length);
        }
        writer.finish();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new StoreFormatException(file, "unexpected end of file; the file is truncated");
            }
        }
    }

    private static void getInts(ByteBuffer buffer, int[] out) {
        buffer.asIntBuffer().get(out);
        buffer.position(buffer.position() + 4 * out.length);
    }

    private static void getLongs(ByteBuffer buffer, long[] out) {
        buffer.asLongBuffer().get(out);
        buffer.position(buffer.position() + 8 * out.length);
    }

    private static String getString(ByteBuffer buffer, Path file, String what) throws StoreFormatException {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new StoreFormatException(file, what + " length " + Integer.toUnsignedString(length)
                    + " exceeds the " + buffer.remaining() + " bytes left");
        }
        ByteBuffer bytes = buffer.slice();
        bytes.limit(length);
        buffer.position(buffer.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new StoreFormatException(file, what + " is not valid UTF-8", e);
        }
    }

    /** A buffered writer that feeds every byte it writes to a CRC32C and appends the CRC at the end. */
    private static final class CrcWriter {
        final ByteBuffer buffer = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
        private final CRC32C crc = new CRC32C();
        private final OutputStream out;

        CrcWriter(OutputStream out) {
            this.out = out;
        }

        /** Returns the buffer after making sure {@code bytes} fit in it. */
        ByteBuffer room(int bytes) throws IOException {
            if (buffer.remaining() < bytes) {
                flush();
            }
            return buffer;
        }

        void bytes(byte[] source, int offset, int length) throws IOException {
            while (length > 0) {
                if (!buffer.hasRemaining()) {
                    flush();
                }
                int chunk = Math.min(length, buffer.remaining());
                buffer.put(source, offset, chunk);
                offset += chunk;
                length -= chunk;
            }
        }

        void finish() throws IOException {
            flush();
            buffer.putInt((int) crc.getValue());
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }

        private void flush() throws IOException {
            crc.update(buffer.array(), 0, buffer.position());
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }
}
