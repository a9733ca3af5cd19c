package io.mmdt.bench;

import io.mmdt.core.MmdtHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded, synthetic labelled store for benchmarks: hashes, labels and sample ids in store
 * order, plus query hashes.
 *
 * <p>The <em>clustered</em> variant imitates a malware store. Entries come in families: a
 * random centre, and members that differ from it by a small jitter on some bytes. Family
 * sizes are skewed, so the ten largest families hold 70 % of the entries and the remaining
 * 30 % are spread over {@value #FAMILIES} smaller families by a Zipf law. One member in
 * three is an exact copy of an earlier member, as in stores where samples are resubmitted.
 * The <em>uniform</em> variant draws every byte uniformly, which is the worst case for any
 * pruning search.
 *
 * <p>Instances are immutable once built; the arrays are exposed for speed and must not be
 * changed.
 */
public final class SyntheticStore {

    /** Number of families in the clustered variant. */
    public static final int FAMILIES = 2000;

    private static final int LARGE_FAMILIES = 10;
    private static final double LARGE_FAMILY_SHARE = 0.70;
    private static final double DUPLICATE_SHARE = 1.0 / 3;

    /** The hashes, in store order. */
    public final MmdtHash[] hashes;

    /** The label of each entry: {@code family-N}, or {@code random} in the uniform variant. */
    public final String[] labels;

    /** The sample id of each entry: 40 random hex digits, standing in for a SHA-1. */
    public final String[] sampleIds;

    private final long seed;

    private SyntheticStore(MmdtHash[] hashes, String[] labels, String[] sampleIds, long seed) {
        this.hashes = hashes;
        this.labels = labels;
        this.sampleIds = sampleIds;
        this.seed = seed;
    }

    /**
     * Generates a clustered store of {@code size} entries.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public static SyntheticStore clustered(long seed, int size) {
        checkSize(size);
        Random random = new Random(seed);
        byte[][] centres = new byte[FAMILIES][];
        int[] centreIndexes = new int[FAMILIES];
        for (int f = 0; f < FAMILIES; f++) {
            centres[f] = randomBytes(random, MmdtHash.MAIN_BYTES);
            centreIndexes[f] = random.nextInt();
        }
        String[] familyLabels = new String[FAMILIES];
        for (int f = 0; f < FAMILIES; f++) {
            familyLabels[f] = "family-" + f;
        }
        double[] cumulative = familyWeights();

        MmdtHash[] hashes = new MmdtHash[size];
        String[] labels = new String[size];
        List<List<MmdtHash>> members = new ArrayList<>();
        for (int f = 0; f < FAMILIES; f++) {
            members.add(new ArrayList<>());
        }
        for (int e = 0; e < size; e++) {
            int family = Arrays.binarySearch(cumulative, random.nextDouble());
            family = Math.min(family < 0 ? -family - 1 : family, FAMILIES - 1);
            labels[e] = familyLabels[family];
            List<MmdtHash> earlier = members.get(family);
            if (!earlier.isEmpty() && random.nextDouble() < DUPLICATE_SHARE) {
                hashes[e] = earlier.get(random.nextInt(earlier.size()));
            } else {
                hashes[e] = jitteredMember(random, centres[family], centreIndexes[family]);
            }
            earlier.add(hashes[e]);
        }
        return new SyntheticStore(hashes, labels, randomSampleIds(random, size), seed);
    }

    /**
     * Generates a store of {@code size} entries whose bytes are all uniformly random.
     *
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public static SyntheticStore uniform(long seed, int size) {
        checkSize(size);
        Random random = new Random(seed);
        MmdtHash[] hashes = new MmdtHash[size];
        String[] labels = new String[size];
        for (int e = 0; e < size; e++) {
            hashes[e] = MmdtHash.of(random.nextInt(), randomBytes(random, MmdtHash.MAIN_BYTES));
            labels[e] = "random";
        }
        return new SyntheticStore(hashes, labels, randomSampleIds(random, size), seed);
    }

    /** Returns the number of entries. */
    public int size() {
        return hashes.length;
    }

    /**
     * Returns {@code count} query hashes: the even-numbered ones are near-duplicates of
     * stored entries (a few bytes moved by 1 or 2), the odd-numbered ones are uniformly
     * random.
     *
     * @throws IllegalStateException if the store is empty and near-duplicates are asked for
     */
    public MmdtHash[] queries(int count) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        MmdtHash[] queries = new MmdtHash[count];
        for (int q = 0; q < count; q++) {
            if (q % 2 == 0) {
                if (hashes.length == 0) {
                    throw new IllegalStateException("an empty store has no entries to copy");
                }
                MmdtHash stored = hashes[random.nextInt(hashes.length)];
                queries[q] = MmdtHash.of(stored.index(), jitter(random, stored.mainBytes(), 0.2, 2));
            } else {
                queries[q] = MmdtHash.of(random.nextInt(), randomBytes(random, MmdtHash.MAIN_BYTES));
            }
        }
        return queries;
    }

    private static MmdtHash jitteredMember(Random random, byte[] centre, int centreIndex) {
        byte[] main = jitter(random, centre, 0.5, 3);
        // Members mostly share the index of their centre, as near-identical files do; the
        // rest differ in one index byte.
        int index = centreIndex;
        if (random.nextDouble() < 0.3) {
            index ^= (1 + random.nextInt(3)) << (8 * random.nextInt(4));
        }
        return MmdtHash.of(index, main);
    }

    /** Returns the cumulative share of entries that fall into families 0..f. */
    private static double[] familyWeights() {
        double[] weights = new double[FAMILIES];
        double tail = 0;
        for (int f = LARGE_FAMILIES; f < FAMILIES; f++) {
            tail += 1.0 / (f - LARGE_FAMILIES + 1);
        }
        double sum = 0;
        for (int f = 0; f < FAMILIES; f++) {
            double weight = f < LARGE_FAMILIES
                    ? LARGE_FAMILY_SHARE / LARGE_FAMILIES
                    : (1 - LARGE_FAMILY_SHARE) / (f - LARGE_FAMILIES + 1) / tail;
            sum += weight;
            weights[f] = sum;
        }
        return weights;
    }

    /** Returns a copy of {@code main} where each byte moves, with probability {@code p}, by up to ±{@code amount}. */
    private static byte[] jitter(Random random, byte[] main, double p, int amount) {
        byte[] out = main.clone();
        for (int i = 0; i < out.length; i++) {
            if (random.nextDouble() < p) {
                int value = (out[i] & 0xFF) + random.nextInt(2 * amount + 1) - amount;
                out[i] = (byte) Math.max(0, Math.min(255, value));
            }
        }
        return out;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String[] randomSampleIds(Random random, int size) {
        String[] ids = new String[size];
        for (int e = 0; e < size; e++) {
            ids[e] = String.format(Locale.ROOT, "%016x%016x%08x",
                    random.nextLong(), random.nextLong(), random.nextInt());
        }
        return ids;
    }

    private static void checkSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("store size must not be negative, got " + size);
        }
    }
}
