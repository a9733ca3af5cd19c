package io.mmdt.knn.unpack;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The location of a container member: the outermost input's name, then the name of each
 * member on the way in, for example {@code app.zip}, {@code lib/b.jar}, {@code c/C.class}.
 *
 * <p>The <em>display form</em> ({@link #toString()}) joins the segments with {@code !/},
 * as JAR URLs do: {@code app.zip!/lib/b.jar!/c/C.class}. The <em>depth</em> is the number
 * of containers around the location: 0 for an input, 1 for a member of an input, 2 for a
 * member of a member, and so on.
 *
 * <p>Member names come from the archive and are only names: nothing in this package
 * creates a file from them, so {@code ../../etc/passwd} is harmless. The display form
 * escapes control characters and Unicode bidirectional controls as {@code \}{@code uXXXX},
 * so a hostile name cannot forge a line of output or reorder its characters. A name that
 * itself contains {@code !/} makes the display form ambiguous, so compare
 * {@link #segments()} when that matters.
 *
 * <p>Instances are immutable and compare by their segments.
 */
public final class MemberPath {

    /** Separator between segments in the display form. */
    public static final String SEPARATOR = "!/";

    private final List<String> segments;

    private MemberPath(List<String> segments) {
        this.segments = List.copyOf(segments);
    }

    /**
     * Returns the path of an input, such as a file name as the user gave it.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is empty
     */
    public static MemberPath of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("input name must not be empty");
        }
        return new MemberPath(List.of(name));
    }

    /**
     * Returns the path of the member {@code name} inside the container at this path. The
     * name is taken as the archive stores it and may be empty, because hostile archives
     * contain such names.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public MemberPath resolve(String name) {
        Objects.requireNonNull(name, "name");
        List<String> longer = new ArrayList<>(segments.size() + 1);
        longer.addAll(segments);
        longer.add(name);
        return new MemberPath(longer);
    }

    /** Returns the segments, outermost first; the list is unmodifiable and never empty. */
    public List<String> segments() {
        return segments;
    }

    /** Returns the number of containers around this location: 0 for an input. */
    public int depth() {
        return segments.size() - 1;
    }

    /** Returns the last segment: the member name, or the input name at depth 0. */
    public String name() {
        return segments.get(segments.size() - 1);
    }

    /**
     * Returns the path of the container that contains this member.
     *
     * @throws IllegalStateException if this is the path of an input, at depth 0
     */
    public MemberPath parent() {
        if (segments.size() == 1) {
            throw new IllegalStateException("input \"" + this + "\" has no parent container");
        }
        return new MemberPath(segments.subList(0, segments.size() - 1));
    }

    /**
     * Returns the display form: the segments joined with {@code !/}, with control
     * characters and bidirectional controls escaped as {@code \}{@code uXXXX}.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            appendEscaped(out, segments.get(i));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberPath other && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    private static void appendEscaped(StringBuilder out, String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isISOControl(c) || isBidiControl(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
    }

    /** Returns whether {@code c} is one of the Unicode explicit bidirectional formatting characters. */
    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }
}
