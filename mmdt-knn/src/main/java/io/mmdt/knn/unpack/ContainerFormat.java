package io.mmdt.knn.unpack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * A container format that {@link Unpacker} opens, recognised by its magic bytes and never
 * by file name.
 *
 * <p>Detection needs at most the first {@value #DETECTION_BYTES} bytes of the data.
 *
 * <p>Limitation: this method reads only the first bytes, so a ZIP behind an arbitrary prefix,
 * such as a self-extracting executable, is not recognised here. {@link Unpacker} also checks
 * the end of a whole file for such a ZIP, but a member inside another container is hashed as
 * a plain file. An empty tar archive (only end-of-archive blocks) is not recognised either,
 * which changes nothing because it has no members.
 */
public enum ContainerFormat {

    /**
     * ZIP and every format built on it: JAR, WAR, APK, DOCX/XLSX/PPTX and ODF. The data starts
     * with a local file header {@code PK\3\4}, or with {@code PK\5\6} for an empty archive.
     * A JDK {@code .jmod} file, whose 4-byte header {@code JM 1 0} precedes a ZIP, counts as
     * ZIP too.
     */
    ZIP,

    /**
     * A gzip stream: {@code 1f 8b} followed by compression method 8 (deflate). When the
     * decompressed data is a tar archive, the tar members are the members of the gzip file
     * itself. Otherwise the gzip file has one member, the decompressed data.
     */
    GZIP,

    /**
     * A tar archive: POSIX or GNU ({@code ustar} at offset 257), or an old-style (V7) header
     * whose checksum is valid.
     */
    TAR;

    /** Number of leading bytes that {@link #detect(byte[], int)} needs to see. */
    public static final int DETECTION_BYTES = 512;

    private static final int TAR_MAGIC_OFFSET = 257;

    private static final byte[] TAR_MAGIC = "ustar".getBytes(StandardCharsets.US_ASCII);

    /**
     * Detects the container format from the leading bytes of some data.
     *
     * @param head the first bytes of the data, starting at index 0
     * @param length the number of valid bytes in {@code head}; fewer than
     *     {@value #DETECTION_BYTES} only when the data is shorter than that
     * @return the format, or empty when the data is not a container this package opens
     * @throws IndexOutOfBoundsException if {@code length} is negative or beyond {@code head}
     */
    public static Optional<ContainerFormat> detect(byte[] head, int length) {
        Objects.checkFromIndexSize(0, length, head.length);
        if (startsWith(head, length, 'P', 'K', 3, 4) || startsWith(head, length, 'P', 'K', 5, 6)
                || startsWith(head, length, 'J', 'M', 1, 0, 'P', 'K', 3, 4)) {
            return Optional.of(ZIP);
        }
        if (startsWith(head, length, 0x1f, 0x8b, 8)) {
            return Optional.of(GZIP);
        }
        if (isTarHeader(head, length)) {
            return Optional.of(TAR);
        }
        return Optional.empty();
    }

    private static boolean isTarHeader(byte[] head, int length) {
        if (length < DETECTION_BYTES) {
            return false;
        }
        boolean ustar = true;
        for (int i = 0; i < TAR_MAGIC.length; i++) {
            ustar &= head[TAR_MAGIC_OFFSET + i] == TAR_MAGIC[i];
        }
        if (ustar) {
            return true;
        }
        // An old-style header has no magic, so require a name and a valid header checksum.
        // Random data passes the checksum test only by rare accident, because the
        // checksum field must hold octal digits that equal the sum of the header bytes.
        if (head[0] == 0) {
            return false;
        }
        try {
            return TarUtils.verifyCheckSum(Arrays.copyOf(head, DETECTION_BYTES));
        } catch (IllegalArgumentException notOctal) {
            // The checksum field contains something other than octal digits, so this is no tar header.
            return false;
        }
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
