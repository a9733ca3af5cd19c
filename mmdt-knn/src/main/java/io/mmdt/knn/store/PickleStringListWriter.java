package io.mmdt.knn.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a list of strings as a Python pickle of protocol 4, laid out as CPython's pickler
 * does it. After PROTO 4 come frames of about 64 KiB, each a FRAME opcode with its length
 * followed by whole opcodes. The opcodes are EMPTY_LIST, batches of up to 1000 strings
 * between MARK and APPENDS, and STOP. Unlike CPython, the writer emits no MEMOIZE, because
 * unpickling does not need it.
 */
final class PickleStringListWriter {

    private static final int FRAME_TARGET_BYTES = 64 * 1024;

    private static final int BATCH_SIZE = 1000;

    private final OutputStream out;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream(FRAME_TARGET_BYTES + 1024);

    private PickleStringListWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes {@code strings} as a protocol 4 pickle to {@code out}; does not close it. */
    static void write(List<String> strings, OutputStream out) throws IOException {
        PickleStringListWriter writer = new PickleStringListWriter(out);
        out.write(PickleOpcodes.PROTO);
        out.write(4);
        writer.frame.write(PickleOpcodes.EMPTY_LIST);
        for (int start = 0; start < strings.size(); start += BATCH_SIZE) {
            writer.frame.write(PickleOpcodes.MARK);
            int end = Math.min(strings.size(), start + BATCH_SIZE);
            for (int i = start; i < end; i++) {
                writer.string(strings.get(i));
                writer.endFrameIfFull();
            }
            writer.frame.write(PickleOpcodes.APPENDS);
        }
        writer.frame.write(PickleOpcodes.STOP);
        writer.endFrame();
    }

    private void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < 256) {
            frame.write(PickleOpcodes.SHORT_BINUNICODE);
            frame.write(utf8.length);
        } else {
            frame.write(PickleOpcodes.BINUNICODE);
            writeLittleEndian(utf8.length, 4);
        }
        frame.writeBytes(utf8);
    }

    private void endFrameIfFull() throws IOException {
        if (frame.size() >= FRAME_TARGET_BYTES) {
            endFrame();
        }
    }

    /** Writes the buffered opcodes as one frame. */
    private void endFrame() throws IOException {
        out.write(PickleOpcodes.FRAME);
        long length = frame.size();
        for (int i = 0; i < 8; i++) {
            out.write((int) (length >>> (8 * i)));
        }
        frame.writeTo(out);
        frame.reset();
    }

    private void writeLittleEndian(long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            frame.write((int) (value >>> (8 * i)));
        }
    }
}
