package io.mmdt.knn.classify;

import java.util.Random;

/**
 * Main parts for tests, packed as the index takes them. Values come from a small alphabet
 * of byte values so that exact duplicates and equal distances are common.
 */
final class RandomMains {

    final long[] high;
    final long[] low;

    private RandomMains(long[] high, long[] low) {
        this.high = high;
        this.low = low;
    }

    /**
     * Returns {@code size} main parts whose bytes are drawn from the first
     * {@code alphabetSize} values of a random alphabet; a fraction {@code duplicateShare}
     * of them copy an earlier entry.
     */
    static RandomMains generate(long seed, int size, int alphabetSize, double duplicateShare) {
        Random random = new Random(seed);
        int[] alphabet = new int[alphabetSize];
        for (int i = 0; i < alphabetSize; i++) {
            alphabet[i] = random.nextInt(256);
        }
        long[] high = new long[size];
        long[] low = new long[size];
        for (int e = 0; e < size; e++) {
            if (e > 0 && random.nextDouble() < duplicateShare) {
                int copied = random.nextInt(e);
                high[e] = high[copied];
                low[e] = low[copied];
                continue;
            }
            high[e] = randomWord(random, alphabet);
            low[e] = randomWord(random, alphabet);
        }
        return new RandomMains(high, low);
    }

    /** Returns a main part that is new or a copy of an entry, with one byte perhaps changed. */
    long[] query(Random random, int[] alphabet) {
        if (high.length == 0 || random.nextBoolean()) {
            return new long[] {randomWord(random, alphabet), randomWord(random, alphabet)};
        }
        int copied = random.nextInt(high.length);
        long h = high[copied];
        long l = low[copied];
        if (random.nextBoolean()) {
            int shift = 8 * random.nextInt(8);
            h = (h & ~(0xFFL << shift)) | ((long) alphabet[random.nextInt(alphabet.length)] << shift);
        }
        return new long[] {h, l};
    }

    static long randomWord(Random random, int[] alphabet) {
        long word = 0;
        for (int i = 0; i < 8; i++) {
            word = (word << 8) | alphabet[random.nextInt(alphabet.length)];
        }
        return word;
    }
}
