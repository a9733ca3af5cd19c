package io.mmdt.knn.store;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine()}, ending at LF, CR or CR LF, but
 * keeps at most a fixed number of characters of each line, so that a hostile file with one
 * huge line cannot exhaust the heap. The caller learns whether the last line was cut.
 */
final class BoundedLineReader {

    private final Reader in;
    private final int maxCharacters;
    private final StringBuilder line = new StringBuilder();
    private boolean truncated;
    private boolean skipLineFeed;

    /** Creates a reader over {@code in}, which should be buffered. */
    BoundedLineReader(Reader in, int maxCharacters) {
        this.in = in;
        this.maxCharacters = maxCharacters;
    }

    /** Returns the next line without its terminator, cut to the maximum length, or null at the end. */
    String readLine() throws IOException {
        line.setLength(0);
        truncated = false;
        int c = in.read();
        if (c == '\n' && skipLineFeed) {
            c = in.read();
        }
        skipLineFeed = false;
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n' && c != '\r') {
            if (line.length() < maxCharacters) {
                line.append((char) c);
            } else {
                truncated = true;
            }
            c = in.read();
        }
        skipLineFeed = c == '\r';
        return line.toString();
    }

    /** Returns whether the line that {@link #readLine()} returned last was longer than the maximum. */
    boolean truncated() {
        return truncated;
    }
}
