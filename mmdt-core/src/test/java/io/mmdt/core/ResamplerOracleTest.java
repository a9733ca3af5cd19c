package io.mmdt.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The fast resampler and fold against their slow twins, and the weight table against
 * on-demand weights.
 */
class ResamplerOracleTest {

    private static final MmdtHasher HASHER = new MmdtHasher();

    @Property(tries = 150)
    void fastHashEqualsReference(@ForAll("lengths") int length, @ForAll("contents") int kind,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        byte[] data = content(kind, length, seed);

        assertEquals(ReferenceResampler.hash(data), HASHER.hash(data));
    }

    @Property(tries = 8)
    void fastHashEqualsReferenceForMebibytes(
            @ForAll @IntRange(min = 1 << 20, max = 3 << 20) int length,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        byte[] data = content(0, length, seed);

        assertEquals(ReferenceResampler.hash(data), HASHER.hash(data));
    }

    @Property(tries = 200)
    void untabulatedWeightRangesEqualTable(
            @ForAll @IntRange(min = 1, max = 200_000) int inSize, @ForAll("outSizes") int outSize,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        Random random = new Random(seed);
        AxisWeights table = AxisWeights.compute(inSize, outSize);
        AxisWeights onDemand = AxisWeights.computeUntabulated(inSize, outSize);
        int o = random.nextInt(outSize);
        int count = table.count(o);
        int fromTap = random.nextInt(count);
        int toTap = fromTap + 1 + random.nextInt(count - fromTap);
        int at = random.nextInt(50);
        int[] fromTable = new int[at + count];
        int[] computed = new int[at + count];

        table.copyWeights(o, fromTap, toTap, fromTable, at);
        onDemand.copyWeights(o, fromTap, toTap, computed, at);

        assertArrayEquals(fromTable, computed, "output " + o + ", taps " + fromTap + ".." + toTap + " at " + at);
        for (int i = 0; i < computed.length; i++) {
            if (i < at || i >= at + toTap - fromTap) {
                assertEquals(0, computed[i], "written outside the range at index " + i);
            }
        }
    }

    @Property(tries = 60)
    void untabulatedWeightsEqualTable(
            @ForAll @IntRange(min = 1, max = 200_000) int inSize, @ForAll("outSizes") int outSize) {
        AxisWeights table = AxisWeights.compute(inSize, outSize);
        AxisWeights onDemand = AxisWeights.computeUntabulated(inSize, outSize);
        ReferenceResampler.Weights reference = new ReferenceResampler.Weights(inSize, outSize);

        for (int o = 0; o < outSize; o++) {
            int count = table.count(o);
            int[] fromTable = new int[count];
            int[] computed = new int[count];
            table.copyWeights(o, 0, count, fromTable, 0);
            onDemand.copyWeights(o, 0, count, computed, 0);
            assertEquals(reference.min[o], table.start(o), "window start");
            assertArrayEquals(reference.fixed[o], fromTable, "tabulated weights of output " + o);
            assertArrayEquals(fromTable, computed, "on-demand weights of output " + o);
        }
    }

    @Property(tries = 300)
    void foldEqualsReference(@ForAll("images") int[] pixels) {
        int[] small = java.util.Arrays.copyOf(pixels, 256);

        assertEquals(ReferenceFolder.foldIndex(small), HashFolder.foldIndex(small));
        assertArrayEquals(ReferenceFolder.foldMain(pixels), HashFolder.foldMain(pixels));
    }

    /** 4096 pixels, each uniform, 0 or 255, or in a narrow band, so that both extremes occur often. */
    @Provide
    Arbitrary<int[]> images() {
        Arbitrary<Integer> pixel = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 255),
                Arbitraries.of(0, 255),
                Arbitraries.integers().between(120, 135));
        return pixel.array(int[].class).ofSize(4096);
    }

    @Provide
    Arbitrary<Integer> outSizes() {
        return Arbitraries.of(16, 64);
    }

    /** Lengths from 0 to 400 KiB, dense around the image-width boundaries. */
    @Provide
    Arbitrary<Integer> lengths() {
        Arbitrary<Integer> nearBoundary = Arbitraries.of(4096, 8192, 32768, 131072)
                .flatMap(b -> Arbitraries.integers().between(-300, 300).map(d -> b + d));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, nearBoundary),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 5000)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 400 << 10)));
    }

    @Provide
    Arbitrary<Integer> contents() {
        return Arbitraries.integers().between(0, 3);
    }

    /** Random bytes, low-entropy bytes, runs, or a ramp, so that clipping and ties occur. */
    static byte[] content(int kind, int length, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[length];
        switch (kind) {
            case 0 -> random.nextBytes(data);
            case 1 -> {
                for (int i = 0; i < length; i++) {
                    data[i] = (byte) (random.nextInt(4) * 85);
                }
            }
            case 2 -> {
                int i = 0;
                while (i < length) {
                    int run = 1 + random.nextInt(5000);
                    byte value = random.nextBoolean() ? 0 : (byte) 255;
                    for (int j = 0; j < run && i < length; j++, i++) {
                        data[i] = value;
                    }
                }
            }
            default -> {
                for (int i = 0; i < length; i++) {
                    data[i] = (byte) (i * 7 + (i >> 9));
                }
            }
        }
        return data;
    }
}
