package io.mmdt.knn.store;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes the {@linkplain StoreFormat#TEXT text store format}: UTF-8, one entry per
 * line as {@code IIIIIIII:MMMM…:label:sampleId}, parsed as {@link EntryLines} describes.
 * Blank lines and lines whose first character is {@code #} are ignored, a byte order mark at
 * the start is ignored, and lines may end in LF or CR LF.
 */
final class TextStoreCodec {

    /** The first line the writer puts in every file, so a reader knows what the columns are. */
    static final String HEADER = "# mmdt hash store: index:main:label:sample_id, one entry per line";

    private TextStoreCodec() {
    }

    /**
     * Reads a text store.
     *
     * @param skipInvalid whether to count and skip invalid lines instead of rejecting the file
     * @throws StoreFormatException naming the file and line if a line is invalid and
     *     {@code skipInvalid} is false, or if the file is not valid UTF-8
     * @throws IOException if the file cannot be read
     */
    static LoadedStore read(Path file, boolean skipInvalid) throws IOException {
        EntryCollector collector = new EntryCollector(file, skipInvalid, "line");
        long lineNumber = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                collector.add(lineNumber, line);
            }
        } catch (CharacterCodingException e) {
            throw new StoreFormatException(file, "line " + (lineNumber + 1) + ": not valid UTF-8", e);
        }
        return collector.result(StoreFormat.TEXT);
    }

    /** Writes {@code store}'s current snapshot as text. Does not close {@code out}. */
    static void write(HashStore store, OutputStream out) throws IOException {
        HashStore snapshot = store.snapshot();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write(HEADER);
        writer.write('\n');
        for (int i = 0; i < snapshot.size(); i++) {
            writer.write(snapshot.hash(i).toString());
            writer.write(':');
            writer.write(snapshot.label(i));
            writer.write(':');
            writer.write(snapshot.sampleId(i));
            writer.write('\n');
        }
        writer.flush();
    }
}
