package io.mmdt.knn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PickleStringListReaderTest {

    /** Builds a pickle byte by byte. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Pickle shortString(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            op(0x8c, utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        Pickle binUnicode(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            op('X', utf8.length & 0xFF, (utf8.length >>> 8) & 0xFF, 0, 0);
            out.writeBytes(utf8);
            return this;
        }

        Pickle frame(int length) {
            op(0x95, length & 0xFF, (length >>> 8) & 0xFF, 0, 0, 0, 0, 0, 0);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    @Test
    void readsProtocol4AsPythonWritesIt() {
        // The layout of pickle.dumps(["a:b", "c"], protocol=4) in CPython 3.
        byte[] pickle = new Pickle().op(0x80, 4).frame(14).op(']', 0x94, '(')
                .shortString("a:b").op(0x94).shortString("c").op(0x94, 'e', '.').bytes();

        assertEquals(List.of("a:b", "c"), PickleStringListReader.read(pickle));
    }

    @Test
    void readsProtocol2WithBinputAndBinget() {
        byte[] pickle = new Pickle().op(0x80, 2, ']', 'q', 0, '(')
                .binUnicode("first").op('q', 1)
                .op('h', 1)
                .op('e', '.').bytes();

        assertEquals(List.of("first", "first"), PickleStringListReader.read(pickle));
    }

    @Test
    void readsProtocol5WithLongMemoAndAppend() {
        byte[] pickle = new Pickle().op(0x80, 5, ']', 'r', 7, 0, 0, 0)
                .shortString("x").op('r', 8, 0, 0, 0, 'a')
                .op('j', 8, 0, 0, 0, 'a')
                .op(0x8d, 1, 0, 0, 0, 0, 0, 0, 0, 'y', 'a', '.').bytes();

        assertEquals(List.of("x", "x", "y"), PickleStringListReader.read(pickle));
    }

    @Test
    void readsEmptyList() {
        assertEquals(List.of(), PickleStringListReader.read(new Pickle().op(0x80, 4, ']', '.').bytes()));
    }

    @Test
    void rejectsGlobalWithNameAndOffset() {
        byte[] pickle = new Pickle().op(0x80, 2, 'c').op("os\nsystem\n".chars().toArray()).op('.').bytes();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PickleStringListReader.read(pickle));
        assertTrue(e.getMessage().contains("GLOBAL (0x63)"), e.getMessage());
        assertTrue(e.getMessage().contains("offset 2"), e.getMessage());
    }

    @Test
    void rejectsEveryOpcodeOutsideTheAllowedSet() {
        String allowed = "(.X]aehjqr";
        for (int opcode = 0; opcode < 256; opcode++) {
            if (allowed.indexOf(opcode) >= 0 || (opcode >= 0x8c && opcode <= 0x8d) || opcode == 0x80
                    || opcode == 0x94 || opcode == 0x95) {
                continue;
            }
            byte[] pickle = new Pickle().op(0x80, 4, ']', opcode, 0, 0, 0, 0, '.').bytes();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PickleStringListReader.read(pickle), "opcode " + opcode);
            assertTrue(e.getMessage().contains("offset 3: opcode"), e.getMessage());
        }
    }

    @Test
    void rejectsReduceAndStackGlobalByName() {
        IllegalArgumentException reduce = assertThrows(IllegalArgumentException.class,
                () -> PickleStringListReader.read(new Pickle().op(0x80, 4, ']', 'R', '.').bytes()));
        assertTrue(reduce.getMessage().contains("REDUCE"), reduce.getMessage());
        IllegalArgumentException stackGlobal = assertThrows(IllegalArgumentException.class,
                () -> PickleStringListReader.read(new Pickle().op(0x80, 4, 0x93, '.').bytes()));
        assertTrue(stackGlobal.getMessage().contains("STACK_GLOBAL"), stackGlobal.getMessage());
    }

    @Test
    void rejectsLengthBeyondTheData() {
        byte[] pickle = new Pickle().op(0x80, 4, ']', 'X', 0xFF, 0xFF, 0xFF, 0x7F, 'a', '.').bytes();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PickleStringListReader.read(pickle));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void rejectsHugeFrameLength() {
        byte[] pickle = new Pickle().op(0x80, 4, 0x95, 0, 0, 0, 0, 0, 0, 0, 0x80, ']', '.').bytes();

        assertThrows(IllegalArgumentException.class, () -> PickleStringListReader.read(pickle));
    }

    @Test
    void rejectsMissingStop() {
        byte[] pickle = new Pickle().op(0x80, 4, ']').shortString("a").op('a').bytes();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PickleStringListReader.read(pickle));
        assertTrue(e.getMessage().contains("without STOP"), e.getMessage());
    }

    @Test
    void rejectsListInsideList() {
        byte[] pickle = new Pickle().op(0x80, 4, ']', 0x94, 'h', 0, 'a', '.').bytes();

        assertThrows(IllegalArgumentException.class, () -> PickleStringListReader.read(pickle));
    }

    @Test
    void rejectsStringAsResult() {
        byte[] pickle = new Pickle().op(0x80, 4).shortString("a").op('.').bytes();

        assertThrows(IllegalArgumentException.class, () -> PickleStringListReader.read(pickle));
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] pickle = new Pickle().op(0x80, 4, ']', 0x8c, 1, 0xFF, 'a', '.').bytes();

        assertThrows(IllegalArgumentException.class, () -> PickleStringListReader.read(pickle));
    }

    @Test
    void rejectsProtocolOutsideTwoToFive() {
        assertThrows(IllegalArgumentException.class,
                () -> PickleStringListReader.read(new Pickle().op(0x80, 1, ']', '.').bytes()));
        assertThrows(IllegalArgumentException.class,
                () -> PickleStringListReader.read(new Pickle().op(0x80, 6, ']', '.').bytes()));
    }

    @Test
    void rejectsUndefinedMemoKey() {
        byte[] pickle = new Pickle().op(0x80, 4, ']', 'h', 3, 'a', '.').bytes();

        assertThrows(IllegalArgumentException.class, () -> PickleStringListReader.read(pickle));
    }

    @Property(tries = 100)
    void writerOutputReadsBack(@ForAll List<@net.jqwik.api.constraints.StringLength(max = 300) String> strings)
            throws IOException {
        List<String> valid = strings.stream().filter(s -> !hasUnpairedSurrogate(s)).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PickleStringListWriter.write(valid, out);

        assertEquals(valid, PickleStringListReader.read(out.toByteArray()));
    }

    @Test
    void writerSplitsLargeListsIntoFrames() throws IOException {
        List<String> strings = TestEntries.random(3, 5000, 20).stream().map(StoreEntry::toString).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        PickleStringListWriter.write(strings, out);

        assertEquals(strings, PickleStringListReader.read(out.toByteArray()));
    }

    private static boolean hasUnpairedSurrogate(String s) {
        return !s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
