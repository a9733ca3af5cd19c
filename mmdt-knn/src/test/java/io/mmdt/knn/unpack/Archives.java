package io.mmdt.knn.unpack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/** Builds archives in memory for the tests, and damages them on request. */
final class Archives {

    private Archives() {
    }

    /** Returns an ordered map of member names to contents, from name, content pairs. */
    static Map<String, byte[]> members(Object... nameContentPairs) {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 0; i < nameContentPairs.length; i += 2) {
            Object content = nameContentPairs[i + 1];
            byte[] bytes = content instanceof byte[] b ? b
                    : content.toString().getBytes(StandardCharsets.UTF_8);
            members.put((String) nameContentPairs[i], bytes);
        }
        return members;
    }

    /** Returns a ZIP of deflated entries, written as ZipOutputStream does: with data descriptors. */
    static byte[] zip(Map<String, byte[]> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(member.getKey()));
                zip.write(member.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Returns a ZIP with a single deflated entry. */
    static byte[] zip(String name, byte[] content) {
        return zip(members(name, content));
    }

    /** Returns a ZIP of stored (uncompressed) entries, with the sizes in the local headers. */
    static byte[] storedZip(Map<String, byte[]> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                ZipEntry entry = new ZipEntry(member.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(member.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(member.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(member.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Returns a ustar tar archive. */
    static byte[] tar(Map<String, byte[]> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(member.getKey());
                entry.setSize(member.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(member.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Returns a tar archive whose headers are old-style (V7) headers: the ustar magic and
     * version are cleared and the checksums recomputed.
     */
    static byte[] oldStyleTar(Map<String, byte[]> members) {
        byte[] tar = tar(members);
        int offset = 0;
        for (byte[] content : members.values()) {
            byte[] header = Arrays.copyOfRange(tar, offset, offset + 512);
            Arrays.fill(header, 257, 265, (byte) 0);
            Arrays.fill(header, 148, 156, (byte) ' ');
            TarUtils.formatCheckSumOctalBytes(TarUtils.computeCheckSum(header), header, 148, 8);
            System.arraycopy(header, 0, tar, offset, 512);
            offset += 512 + (content.length + 511) / 512 * 512;
        }
        return tar;
    }

    /** Returns {@code data} gzip-compressed, with no file name in the header. */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Returns {@code data} gzip-compressed, with {@code fileName} in the header. */
    static byte[] gzip(byte[] data, String fileName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GzipParameters parameters = new GzipParameters();
        parameters.setFileName(fileName);
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out, parameters)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Returns {@code length} pseudo-random bytes, the same for the same seed. */
    static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * Returns a copy of the ZIP with {@code mask} set in the general-purpose flags of every
     * local and central directory header.
     */
    static byte[] setZipFlags(byte[] zip, int mask) {
        byte[] copy = zip.clone();
        for (int i = 0; i + 4 <= copy.length; i++) {
            if (isSignature(copy, i, 3, 4)) {
                writeShort(copy, i + 6, readShort(copy, i + 6) | mask);
            } else if (isSignature(copy, i, 1, 2)) {
                writeShort(copy, i + 8, readShort(copy, i + 8) | mask);
            }
        }
        return copy;
    }

    /** Returns a copy of the ZIP with the compression method of every header set to {@code method}. */
    static byte[] setZipMethod(byte[] zip, int method) {
        byte[] copy = zip.clone();
        for (int i = 0; i + 4 <= copy.length; i++) {
            if (isSignature(copy, i, 3, 4)) {
                writeShort(copy, i + 8, method);
            } else if (isSignature(copy, i, 1, 2)) {
                writeShort(copy, i + 10, method);
            }
        }
        return copy;
    }

    /**
     * Returns a copy of the ZIP whose central directory declares {@code size} as the
     * uncompressed size of every entry.
     */
    static byte[] setCentralSize(byte[] zip, int size) {
        byte[] copy = zip.clone();
        for (int i = 0; i + 4 <= copy.length; i++) {
            if (isSignature(copy, i, 1, 2)) {
                writeShort(copy, i + 24, size & 0xFFFF);
                writeShort(copy, i + 26, size >>> 16);
            }
        }
        return copy;
    }

    private static boolean isSignature(byte[] bytes, int i, int third, int fourth) {
        return bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == third && bytes[i + 3] == fourth;
    }

    private static int readShort(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    private static void writeShort(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >>> 8);
    }
}
