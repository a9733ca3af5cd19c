package io.mmdt.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MmdtHashTest {

    private static final String SAMPLE = "07122B59:7212890402200212DA032EC310AFEF8A";

    @Test
    void parsesCanonicalForm() {
        MmdtHash hash = MmdtHash.parse(SAMPLE);

        assertEquals(0x07122B59, hash.index());
        assertEquals(0x72, hash.mainByte(0));
        assertEquals(0x8A, hash.mainByte(15));
        assertEquals(SAMPLE, hash.toString());
    }

    @Test
    void parsesLowerCase() {
        assertEquals(MmdtHash.parse(SAMPLE), MmdtHash.parse(SAMPLE.toLowerCase()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "07122B5:7212890402200212DA032EC310AFEF8A",
        "07122B599:7212890402200212DA032EC310AFEF8",
        "07122B59-7212890402200212DA032EC310AFEF8A",
        "07122B59:7212890402200212DA032EC310AFEF8G",
        " 07122B59:7212890402200212DA032EC310AFEF8A",
        "07122B59:7212890402200212DA032EC310AFEF8A ",
        "07122B59:7212890402200212DA032EC310AFEF8A:clean",
        "0712\u0662B59:7212890402200212DA032EC310AFEF8A",
        "0x122B59:7212890402200212DA032EC310AFEF8A",
    })
    void rejectsMalformedText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MmdtHash.parse(text));

        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("IIIIIIII:"), e.getMessage());
        assertFalse(MmdtHash.isValid(text));
    }

    @Test
    void rejectsNull() {
        assertThrows(NullPointerException.class, () -> MmdtHash.parse(null));
    }

    @Test
    void binaryFormIsIndexThenMain() {
        MmdtHash hash = MmdtHash.parse(SAMPLE);
        byte[] bytes = hash.toBytes();

        assertEquals(20, bytes.length);
        assertEquals(0x07, bytes[0]);
        assertEquals(0x59, bytes[3]);
        assertEquals((byte) 0x72, bytes[4]);
        assertArrayEquals(hash.mainBytes(), Arrays.copyOfRange(bytes, 4, 20));
        assertEquals(hash, MmdtHash.fromBytes(bytes));
        assertThrows(IllegalArgumentException.class, () -> MmdtHash.fromBytes(new byte[19]));
    }

    @Test
    void mainBytesAreCopies() {
        MmdtHash hash = MmdtHash.parse(SAMPLE);
        byte[] main = hash.mainBytes();
        main[0] = 0;

        assertEquals(0x72, hash.mainByte(0));
        assertThrows(IndexOutOfBoundsException.class, () -> hash.mainByte(16));
    }

    @Test
    void similarityOfNearPair() {
        // Two near-identical hashes: d2 = 1 + 1 + 9 + 1 + 1 + 9 + 4 + 1 + 144 + 9 + ... computed below.
        MmdtHash a = MmdtHash.parse("07122B59:7212890402200212DA032EC310AFEF8A");
        MmdtHash b = MmdtHash.parse("07122B59:7112870402200212DD032DC30EA0F1A9");
        int d2 = 0;
        for (int i = 0; i < 16; i++) {
            int d = a.mainByte(i) - b.mainByte(i);
            d2 += d * d;
        }

        assertEquals(d2, a.squaredDistance(b));
        assertEquals(1.0 - Math.sqrt(d2) / 1020.0, a.similarity(b));
        assertEquals(a.similarity(b), MmdtSimilarity.of(a.toString(), b.toString()));
        assertEquals(a.similarity(b), MmdtSimilarity.of(a.toBytes(), b.toBytes()));
        assertEquals(a.similarity(b), MmdtSimilarity.of(a.mainBytes(), b.mainBytes()));
    }

    @Test
    void similarityOfOppositeHashesIsZero() {
        MmdtHash zeros = MmdtHash.parse("00000000:00000000000000000000000000000000");
        MmdtHash ones = MmdtHash.parse("00000000:FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");

        assertEquals(0.0, zeros.similarity(ones));
    }

    @Test
    void plainSimilarityRejectsMismatchedArrays() {
        assertThrows(IllegalArgumentException.class, () -> MmdtSimilarity.of(new byte[16], new byte[20]));
        assertThrows(IllegalArgumentException.class, () -> MmdtSimilarity.of(new byte[15], new byte[15]));
    }

    @Property
    void textRoundTrips(@ForAll("hashes") MmdtHash hash) {
        assertEquals(hash, MmdtHash.parse(hash.toString()));
        assertEquals(hash, MmdtHash.parse(hash.toString().toLowerCase()));
        assertEquals(hash, MmdtHash.fromBytes(hash.toBytes()));
        assertEquals(hash.hashCode(), MmdtHash.parse(hash.toString()).hashCode());
    }

    @Property
    void similarityIsSymmetricAndBounded(@ForAll("hashes") MmdtHash a, @ForAll("hashes") MmdtHash b) {
        double sim = a.similarity(b);

        assertEquals(sim, b.similarity(a));
        assertTrue(sim >= 0.0, "similarity " + sim);
        assertTrue(sim <= 1.0, "similarity " + sim);
        assertEquals(a.mainEquals(b), sim == 1.0);
    }

    @Property
    void similarityIgnoresIndex(@ForAll("hashes") MmdtHash a, @ForAll int otherIndex) {
        MmdtHash b = MmdtHash.of(otherIndex, a.mainBytes());

        assertEquals(1.0, a.similarity(b));
        assertNotEquals(a.index() == otherIndex, !a.equals(b));
    }

    @Property
    void thresholdBoundMatchesSimilarity(@ForAll("hashes") MmdtHash a, @ForAll("hashes") MmdtHash b,
            @ForAll("thresholds") double threshold) {
        int bound = MmdtSimilarity.maxSquaredDistanceAbove(threshold);

        assertEquals(a.similarity(b) > threshold, a.squaredDistance(b) <= bound);
    }

    @Property
    void spreadIsSampleDeviationWithoutExtremes(@ForAll("hashes") MmdtHash hash) {
        int[] values = new int[12];
        for (int i = 0; i < 12; i++) {
            values[i] = hash.mainByte(i + 2);
        }
        int max = Arrays.stream(values).max().orElseThrow();
        int min = Arrays.stream(values).min().orElseThrow();
        java.util.List<Integer> kept = new java.util.ArrayList<>();
        for (int v : values) {
            kept.add(v);
        }
        kept.remove(Integer.valueOf(max));
        kept.remove(Integer.valueOf(min));
        double mean = kept.stream().mapToInt(Integer::intValue).average().orElseThrow();
        double squares = kept.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();

        assertEquals(10, kept.size());
        assertEquals(Math.sqrt(squares / 9), hash.spread(), 1e-9);
    }

    @Test
    void spreadOfConstantHashIsZero() {
        assertEquals(0.0, MmdtHash.parse("00000000:02020202020202020202020202020202").spread());
    }

    @Provide
    Arbitrary<MmdtHash> hashes() {
        // Few distinct byte values, so equal main parts and ties are common.
        Arbitrary<Byte> bytes = Arbitraries.oneOf(
                Arbitraries.bytes(), Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7F, (byte) 0xFF));
        return Combinators.combine(Arbitraries.integers(), bytes.array(byte[].class).ofSize(16))
                .as(MmdtHash::of);
    }

    @Provide
    Arbitrary<Double> thresholds() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0.0, 1.0),
                Arbitraries.of(0.0, 0.95, 1.0),
                Arbitraries.integers().between(0, 1_040_400).map(MmdtSimilarity::fromSquaredDistance));
    }
}
