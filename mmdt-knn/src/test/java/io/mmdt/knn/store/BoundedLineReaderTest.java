package io.mmdt.knn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    @Property(tries = 500)
    void splitsLinesLikeBufferedReader(@ForAll @Chars({'\r', '\n', 'a', 'b'}) @CharRange(from = 'x', to = 'z')
            String text) throws IOException {
        List<String> expected = new ArrayList<>();
        BufferedReader oracle = new BufferedReader(new StringReader(text));
        for (String line; (line = oracle.readLine()) != null; ) {
            expected.add(line);
        }

        List<String> actual = new ArrayList<>();
        BoundedLineReader reader = new BoundedLineReader(new StringReader(text), 1000);
        for (String line; (line = reader.readLine()) != null; ) {
            actual.add(line);
        }

        assertEquals(expected, actual);
    }

    @Test
    void cutsLongLinesAndFlagsThem() throws IOException {
        BoundedLineReader reader = new BoundedLineReader(new StringReader("abcdef\nab\n"), 3);

        assertEquals("abc", reader.readLine());
        assertTrue(reader.truncated());
        assertEquals("ab", reader.readLine());
        assertFalse(reader.truncated());
        assertEquals(null, reader.readLine());
    }
}
