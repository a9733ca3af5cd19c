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
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private final StringBuilder line = new StringBuilder();
    private boolean truncated;
    private boolean skipLineFeed;

    /** Creates a reader over {@code in}; the reader buffers, so {@code in} need not. */
    BoundedLineReader(Reader in, int maxCharacters) {
        this.in = in;
        this.maxCharacters = maxCharacters;
    }

    /** Returns the next line without its terminator, cut to the maximum length, or null at the end. */
    String readLine() throws IOException {
        line.setLength(0);
        truncated = false;
        int c = next();
        if (c == '\n' && skipLineFeed) {
            c = next();
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
            c = next();
        }
        skipLineFeed = c == '\r';
        return line.toString();
    }

    /** Returns the next character, or -1 at the end; reads in bulk because Reader.read() per character is slow. */
    private int next() throws IOException {
        if (position == limit) {
            int read = in.read(buffer, 0, buffer.length);
            if (read <= 0) {
                return -1;
            }
            position = 0;
            limit = read;
        }
        return buffer[position++];
    }

    /** Returns whether the line that {@link #readLine()} returned last was longer than the maximum. */
    boolean truncated() {
        return truncated;
    }
}
