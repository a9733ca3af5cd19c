package io.mmdt.knn.unpack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Recognises a ZIP archive at the end of data that starts with something else, such as a
 * self-extracting executable: a program followed by a ZIP whose central directory the
 * program reads at run time.
 *
 * <p>A ZIP ends with an end-of-central-directory record: the signature {@code PK\5\6}, 18
 * bytes of fields, then a comment of up to 65,535 bytes whose length is the record's last
 * field. Data counts as ending with a ZIP when such a record ends exactly at the end of the
 * data, its central directory fits before it, and the archive then opens. Requiring that it
 * opens keeps a file that merely contains those bytes near its end from being reported as a
 * corrupt archive instead of being hashed.
 *
 * <p>Limitation: a ZIP64 archive appended to a program by plain concatenation, so that its
 * offsets count from the archive rather than the file, is not found, because the ZIP reader
 * cannot locate its ZIP64 end record behind the prefix. Such a file is hashed as a plain file.
 */
final class TrailingZip {

    private static final int RECORD_BYTES = 22;
    private static final int MAX_COMMENT_BYTES = 0xFFFF;
    private static final int SIGNATURE = 0x06054b50;

    private TrailingZip() {
    }

    /**
     * Returns whether the data in {@code channel} ends with a ZIP that opens. Reads at most
     * the last 65,557 bytes, and the central directory if a record is found. Closes the
     * channel.
     *
     * @throws IOException if reading the channel fails
     */
    static boolean endsWithZip(SeekableByteChannel channel) throws IOException {
        try (channel) {
            long size = channel.size();
            if (size < RECORD_BYTES || !hasEndRecord(channel, size)) {
                return false;
            }
            channel.position(0);
            // The walk reads the local headers later, so the central directory suffices here.
            try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).setIgnoreLocalFileHeader(true).get()) {
                return zip.getEntries().hasMoreElements();
            } catch (IOException | RuntimeException e) {
                // Not a readable archive after all: the caller hashes the data as a plain file.
                return false;
            }
        }
    }

    private static boolean hasEndRecord(SeekableByteChannel channel, long size) throws IOException {
        int tailLength = (int) Math.min(size, RECORD_BYTES + MAX_COMMENT_BYTES);
        ByteBuffer tail = ByteBuffer.allocate(tailLength).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(size - tailLength);
        while (tail.hasRemaining() && channel.read(tail) >= 0) {
            // Keep reading: a channel may return fewer bytes than asked.
        }
        if (tail.hasRemaining()) {
            return false;
        }

        // Scanned backwards from the end, so the last record in the data is the one taken.
        for (int at = tailLength - RECORD_BYTES; at >= 0; at--) {
            if (tail.getInt(at) != SIGNATURE) {
                continue;
            }
            int commentLength = Short.toUnsignedInt(tail.getShort(at + 20));
            long directorySize = Integer.toUnsignedLong(tail.getInt(at + 12));
            long recordStart = size - tailLength + at;
            if (at + RECORD_BYTES + commentLength == tailLength && directorySize <= recordStart) {
                return true;
            }
        }
        return false;
    }
}
