package io.mmdt.knn.store;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a labels file: UTF-8 text with one {@code name,label} pair per line, where
 * {@code name} is a sample's file name (not its path) and {@code label} its label.
 *
 * <p>The line is split at its first comma, so a name cannot contain a comma but a label can.
 * White space around either field is removed. Blank lines and lines starting with {@code #}
 * are ignored, and so is a first line that reads {@code name,label} in any letter case, the
 * header a spreadsheet export adds. A name listed twice with different labels is an error, and
 * so is a line longer than 65,536 characters.
 */
public final class SampleLabels {

    private SampleLabels() {
    }

    /**
     * Reads a labels file into a map from file name to label, in file order.
     *
     * @throws IOException naming the file and line if a line is too long, has no comma, an
     *     empty name or label, a label that {@link StoreEntry#checkLabel} rejects, or a conflicting
     *     duplicate name; or if the file cannot be read or is not UTF-8
     */
    public static Map<String, String> read(Path file) throws IOException {
        RegularFiles.requireRegularFile(file, "labels");
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Long> lineOfName = new HashMap<>();
        long lineNumber = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStreamReader decoded = new InputStreamReader(Files.newInputStream(file), decoder)) {
            BoundedLineReader reader = new BoundedLineReader(decoded, TextStoreCodec.MAX_LINE_CHARACTERS);
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (reader.truncated()) {
                    throw invalid(file, lineNumber, "line is longer than " + TextStoreCodec.MAX_LINE_CHARACTERS
                            + " characters");
                }
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#")
                        || (lineNumber == 1 && line.strip().equalsIgnoreCase("name,label"))) {
                    continue;
                }
                int comma = line.indexOf(',');
                if (comma < 0) {
                    throw invalid(file, lineNumber, "expected name,label, got \"" + StoreEntry.escape(line) + "\"");
                }
                String name = line.substring(0, comma).strip();
                String label = line.substring(comma + 1).strip();
                if (name.isEmpty() || label.isEmpty()) {
                    throw invalid(file, lineNumber, "empty name or label in \"" + StoreEntry.escape(line) + "\"");
                }
                try {
                    StoreEntry.checkLabel(label);
                } catch (IllegalArgumentException e) {
                    throw invalid(file, lineNumber, e.getMessage());
                }
                String previous = labels.putIfAbsent(name, label);
                if (previous != null && !previous.equals(label)) {
                    throw invalid(file, lineNumber, "\"" + name + "\" is labelled \"" + label + "\" here but \""
                            + previous + "\" on line " + lineOfName.get(name));
                }
                lineOfName.putIfAbsent(name, lineNumber);
            }
        } catch (CharacterCodingException e) {
            throw new IOException("invalid labels file " + file + " line " + (lineNumber + 1) + ": not valid UTF-8", e);
        }
        return Collections.unmodifiableMap(labels);
    }

    private static IOException invalid(Path file, long line, String problem) {
        return new IOException("invalid labels file " + file + " line " + line + ": " + problem);
    }
}
