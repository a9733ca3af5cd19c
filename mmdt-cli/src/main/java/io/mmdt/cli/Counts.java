package io.mmdt.cli;

/** Formats a count with its noun in the right number, as in "1 entry" and "2 entries". */
final class Counts {

    private Counts() {
    }

    /** Returns {@code count} followed by {@code singular} when it is 1, else by {@code plural}. */
    static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
