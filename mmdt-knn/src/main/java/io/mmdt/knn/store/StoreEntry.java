package io.mmdt.knn.store;

import io.mmdt.core.MmdtHash;
import java.util.Objects;

/**
 * One entry of a labelled hash store: the mmdt hash of a sample, the sample's label (a
 * malware family such as {@code virlock}, or {@code clean}) and the sample id.
 *
 * <p>The sample id is the SHA-1 of the sample's bytes as 40 lower-case hex digits in stores
 * that this library builds; other ids are accepted so that stores from other tools load.
 *
 * <p>Rules, checked by the constructor:
 * <ul>
 *   <li>the label contains no line break ({@code \n}, {@code \r}, U+0085, U+2028, U+2029);
 *       it may be empty and may contain {@code :}, but not an unpaired surrogate, which
 *       UTF-8 cannot encode;
 *   <li>the sample id is not empty and contains no white space, no {@code :} and no line
 *       break, so that it is always the text after the last {@code :} of an entry line.
 * </ul>
 *
 * @param hash the sample's mmdt hash
 * @param label the sample's label
 * @param sampleId the sample id, usually its SHA-1 in hex
 */
public record StoreEntry(MmdtHash hash, String label, String sampleId) {

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if any field is null
     * @throws IllegalArgumentException if the label or the sample id breaks the rules above;
     *     the message quotes the value
     */
    public StoreEntry {
        Objects.requireNonNull(hash, "hash");
        checkLabel(label);
        checkSampleId(sampleId);
    }

    /**
     * Checks that {@code label} may be the label of an entry.
     *
     * @throws NullPointerException if {@code label} is null
     * @throws IllegalArgumentException if it contains a line break or an unpaired surrogate
     */
    public static void checkLabel(String label) {
        Objects.requireNonNull(label, "label");
        for (int i = 0; i < label.length(); i++) {
            if (isLineBreak(label.charAt(i))) {
                throw new IllegalArgumentException(
                        "invalid label \"" + escape(label) + "\": a label must not contain a line break");
            }
        }
        if (hasUnpairedSurrogate(label)) {
            throw new IllegalArgumentException(
                    "invalid label \"" + escape(label) + "\": unpaired surrogate, the label cannot be written as UTF-8");
        }
    }

    /**
     * Checks that {@code sampleId} may be the sample id of an entry.
     *
     * @throws NullPointerException if {@code sampleId} is null
     * @throws IllegalArgumentException if it is empty or contains white space, a line break or
     *     {@code :}
     */
    public static void checkSampleId(String sampleId) {
        Objects.requireNonNull(sampleId, "sampleId");
        if (sampleId.isEmpty()) {
            throw new IllegalArgumentException("invalid sample id \"\": a sample id must not be empty");
        }
        for (int i = 0; i < sampleId.length(); i++) {
            char c = sampleId.charAt(i);
            if (c == ':' || isLineBreak(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException("invalid sample id \"" + escape(sampleId)
                        + "\": a sample id must not contain white space, line breaks or ':'");
            }
        }
        if (hasUnpairedSurrogate(sampleId)) {
            throw new IllegalArgumentException("invalid sample id \"" + escape(sampleId)
                    + "\": unpaired surrogate, the id cannot be written as UTF-8");
        }
    }

    /** Returns the entry as one line of the text format, {@code index:main:label:sampleId}. */
    @Override
    public String toString() {
        return hash + ":" + label + ":" + sampleId;
    }

    private static boolean hasUnpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Returns the value with control and line-break characters shown as {@code \\uXXXX}, shortened. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        int limit = Math.min(value.length(), 100);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || isLineBreak(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        if (limit < value.length()) {
            out.append("...");
        }
        return out.toString();
    }
}
