package io.mmdt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 333 reference hashes that python_mmdt 0.3.1 printed for generated inputs of 0 to
 * 25,000,000 bytes, covering every image-width boundary.
 */
class GoldenVectorsTest {

    private static final MmdtHasher HASHER = new MmdtHasher();

    static List<Arguments> goldenVectors() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("golden.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            assertEquals("pattern,seed,length,mmdt", header);
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",");
                rows.add(Arguments.of(fields[0], Long.parseLong(fields[1]), Integer.parseInt(fields[2]), fields[3]));
            }
        }
        assertEquals(333, rows.size(), "golden vector count");
        return rows;
    }

    @ParameterizedTest(name = "{0} seed {1} length {2}")
    @MethodSource("goldenVectors")
    void hashMatchesReference(String pattern, long seed, int length, String expected) {
        byte[] data = GoldenInputs.generate(pattern, seed, length);

        assertEquals(expected, HASHER.hash(data).toString());
    }
}
