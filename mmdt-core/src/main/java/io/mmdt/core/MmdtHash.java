package io.mmdt.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * An mmdt hash: a 20-byte locality-sensitive digest of a file's bytes.
 *
 * <p>A hash has two parts. The <em>index</em> is 4 bytes that summarise a 16 × 16
 * down-sampled image of the data; files whose indexes are equal are candidates for the
 * simple classifier. The <em>main</em> part is 16 bytes that summarise a 64 × 64 image; it
 * alone decides {@linkplain #similarity(MmdtHash) similarity}. The text form is the index
 * as 8 hex digits, a colon, and the main part as 32 hex digits, for example
 * {@code 07122B59:7212890402200212DA032EC310AFEF8A}. Bytes appear in the order the hasher
 * produces them, first byte left-most.
 *
 * <p>Instances are immutable and compare by value; {@link #parse(CharSequence)} and
 * {@link #toString()} round-trip, as do {@link #fromBytes(byte[])} and {@link #toBytes()}.
 *
 * <pre>{@code
 * MmdtHash a = MmdtHash.parse("07122B59:7212890402200212DA032EC310AFEF8A");
 * MmdtHash b = new MmdtHasher().hash(Path.of("sample.exe"));
 * double sim = a.similarity(b);   // 1.0 when the main parts are equal
 * }</pre>
 */
public final class MmdtHash {

    /** Number of bytes in the index part. */
    public static final int INDEX_BYTES = 4;

    /** Number of bytes in the main part. */
    public static final int MAIN_BYTES = 16;

    /** Number of bytes in the binary form: the index, then the main part. */
    public static final int BINARY_LENGTH = INDEX_BYTES + MAIN_BYTES;

    /** Number of characters in the text form: 8 hex digits, a colon, 32 hex digits. */
    public static final int TEXT_LENGTH = 2 * INDEX_BYTES + 1 + 2 * MAIN_BYTES;

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private final int index;

    /** Main bytes 0..7, big-endian: byte 0 is the most significant. */
    private final long mainHigh;

    /** Main bytes 8..15, big-endian. */
    private final long mainLow;

    private MmdtHash(int index, long mainHigh, long mainLow) {
        this.index = index;
        this.mainHigh = mainHigh;
        this.mainLow = mainLow;
    }

    /**
     * Creates a hash from its index and its 16 main bytes.
     *
     * @param index the index part; byte 0 is the most significant byte of this int
     * @param main the 16 main bytes; the array is copied
     * @throws NullPointerException if {@code main} is null
     * @throws IllegalArgumentException if {@code main} does not hold exactly 16 bytes
     */
    public static MmdtHash of(int index, byte[] main) {
        Objects.requireNonNull(main, "main");
        if (main.length != MAIN_BYTES) {
            throw new IllegalArgumentException(
                    "main part must be " + MAIN_BYTES + " bytes, got " + main.length);
        }
        return new MmdtHash(index, readLong(main, 0), readLong(main, 8));
    }

    /**
     * Creates a hash from its binary form: the 4 index bytes, then the 16 main bytes.
     *
     * @throws NullPointerException if {@code bytes} is null
     * @throws IllegalArgumentException if {@code bytes} does not hold exactly 20 bytes
     */
    public static MmdtHash fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != BINARY_LENGTH) {
            throw new IllegalArgumentException(
                    "binary mmdt hash must be " + BINARY_LENGTH + " bytes, got " + bytes.length);
        }
        return fromBytes(bytes, 0);
    }

    /**
     * Creates a hash from 20 bytes of {@code bytes} starting at {@code offset}.
     *
     * @throws NullPointerException if {@code bytes} is null
     * @throws IndexOutOfBoundsException if fewer than 20 bytes follow {@code offset}
     */
    public static MmdtHash fromBytes(byte[] bytes, int offset) {
        Objects.checkFromIndexSize(offset, BINARY_LENGTH, bytes.length);
        int index = (int) (readLong(bytes, offset) >>> 32);
        return new MmdtHash(index, readLong(bytes, offset + 4), readLong(bytes, offset + 12));
    }

    /**
     * Parses the text form {@code IIIIIIII:MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM}: exactly 8 hex
     * digits, a colon and 32 hex digits, in upper or lower case. Nothing else is accepted,
     * not even surrounding white space.
     *
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if {@code text} is not in that form; the message
     *     quotes the input and names the expected form
     */
    public static MmdtHash parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        if (text.length() != TEXT_LENGTH) {
            throw invalid(text, "expected " + TEXT_LENGTH + " characters, got " + text.length());
        }
        if (text.charAt(2 * INDEX_BYTES) != ':') {
            throw invalid(text, "expected ':' after the 8 index digits");
        }
        int index = (int) parseHex(text, 0, 8);
        long high = parseHex(text, 9, 16);
        long low = parseHex(text, 25, 16);
        return new MmdtHash(index, high, low);
    }

    /**
     * Returns whether {@code text} is a hash that {@link #parse(CharSequence)} accepts.
     */
    public static boolean isValid(CharSequence text) {
        if (text == null || text.length() != TEXT_LENGTH || text.charAt(8) != ':') {
            return false;
        }
        for (int i = 0; i < TEXT_LENGTH; i++) {
            if (i != 8 && hexValue(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns the index part; its most significant byte is the first index byte. */
    public int index() {
        return index;
    }

    /**
     * Returns main byte {@code i} as an unsigned value in 0..255.
     *
     * @throws IndexOutOfBoundsException if {@code i} is not in 0..15
     */
    public int mainByte(int i) {
        Objects.checkIndex(i, MAIN_BYTES);
        long word = i < 8 ? mainHigh : mainLow;
        return (int) (word >>> (56 - 8 * (i & 7))) & 0xFF;
    }

    /** Returns a new array with the 16 main bytes. */
    public byte[] mainBytes() {
        byte[] out = new byte[MAIN_BYTES];
        writeLong(out, 0, mainHigh);
        writeLong(out, 8, mainLow);
        return out;
    }

    /** Returns the 20-byte binary form: the index (big-endian), then the main part. */
    public byte[] toBytes() {
        byte[] out = new byte[BINARY_LENGTH];
        writeTo(out, 0);
        return out;
    }

    /**
     * Writes the 20-byte binary form into {@code out} at {@code offset}.
     *
     * @throws IndexOutOfBoundsException if fewer than 20 bytes follow {@code offset}
     */
    public void writeTo(byte[] out, int offset) {
        Objects.checkFromIndexSize(offset, BINARY_LENGTH, out.length);
        for (int i = 0; i < INDEX_BYTES; i++) {
            out[offset + i] = (byte) (index >>> (24 - 8 * i));
        }
        writeLong(out, offset + 4, mainHigh);
        writeLong(out, offset + 12, mainLow);
    }

    /**
     * Returns the squared Euclidean distance between the main parts of the two hashes: the sum
     * over the 16 main bytes of the squared difference, in 0..1,040,400.
     */
    public int squaredDistance(MmdtHash other) {
        Objects.requireNonNull(other, "other");
        return squaredDistance(mainHigh, other.mainHigh) + squaredDistance(mainLow, other.mainLow);
    }

    /**
     * Returns the similarity of the two hashes: {@code 1 - sqrt(d2) / 1020} where {@code d2} is
     * the {@linkplain #squaredDistance(MmdtHash) squared distance} of the main parts. The
     * result lies in [0, 1] and is 1.0 exactly when the main parts are equal; the index
     * does not take part. The formula and its rounding are those of python_mmdt 0.3.1.
     */
    public double similarity(MmdtHash other) {
        return MmdtSimilarity.fromSquaredDistance(squaredDistance(other));
    }

    /**
     * Returns the spread of the hash, the measure of information content that python_mmdt
     * uses to reject uninformative hashes: take main bytes 2 to 13, drop one occurrence of
     * the maximum and one of the minimum, and return the sample standard deviation (divisor
     * 9) of the ten values left. Hashes of near-constant data have a spread close to 0;
     * python_mmdt stores a hash only if its spread is above 10.0.
     */
    public double spread() {
        int[] values = new int[12];
        for (int i = 0; i < values.length; i++) {
            values[i] = mainByte(i + 2);
        }
        Arrays.sort(values);

        // After sorting, the first and last values are one minimum and one maximum.
        double sum = 0;
        for (int i = 1; i < 11; i++) {
            sum += values[i];
        }
        double mean = sum / 10;
        double squares = 0;
        for (int i = 1; i < 11; i++) {
            double deviation = values[i] - mean;
            squares += deviation * deviation;
        }
        return Math.sqrt(squares / 9);
    }

    /** Returns the canonical text form, {@code IIIIIIII:MMMM…} with upper-case hex digits. */
    @Override
    public String toString() {
        char[] out = new char[TEXT_LENGTH];
        writeHex(out, 0, index & 0xFFFFFFFFL, 8);
        out[8] = ':';
        writeHex(out, 9, mainHigh, 16);
        writeHex(out, 25, mainLow, 16);
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MmdtHash other
                && index == other.index
                && mainHigh == other.mainHigh
                && mainLow == other.mainLow;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + Long.hashCode(mainHigh)) + Long.hashCode(mainLow);
    }

    /** Returns whether the main parts of the two hashes are equal. */
    public boolean mainEquals(MmdtHash other) {
        return mainHigh == other.mainHigh && mainLow == other.mainLow;
    }

    private static int squaredDistance(long a, long b) {
        int sum = 0;
        for (int shift = 0; shift < 64; shift += 8) {
            int d = (int) ((a >>> shift) & 0xFF) - (int) ((b >>> shift) & 0xFF);
            sum += d * d;
        }
        return sum;
    }

    private static long parseHex(CharSequence text, int start, int digits) {
        long value = 0;
        for (int i = start; i < start + digits; i++) {
            int digit = hexValue(text.charAt(i));
            if (digit < 0) {
                throw invalid(text, "expected a hex digit at position " + i + ", got '" + text.charAt(i) + "'");
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    /** Returns the value of an ASCII hex digit, or -1; unlike {@code Character.digit}, no other script's digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static IllegalArgumentException invalid(CharSequence text, String problem) {
        return new IllegalArgumentException("invalid mmdt hash \"" + abbreviate(text)
                + "\": " + problem + " (the form is IIIIIIII:MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM, hex digits)");
    }

    private static String abbreviate(CharSequence text) {
        return text.length() <= 80 ? text.toString() : text.subSequence(0, 77) + "...";
    }

    private static void writeHex(char[] out, int start, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[start + i] = HEX_DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    private static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static void writeLong(byte[] out, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            out[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }
}
