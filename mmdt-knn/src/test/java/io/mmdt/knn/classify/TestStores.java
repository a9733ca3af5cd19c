package io.mmdt.knn.classify;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.store.HashStore;
import java.util.Locale;
import java.util.Random;

/**
 * Stores for classifier tests. Main bytes come from a small alphabet so that exact
 * duplicates and equal distances are common, and indexes from a few values so that the
 * simple classifier has several candidates per query.
 */
final class TestStores {

    private static final String[] LABELS = {"virlock", "APT28", "clean", "None", "a:b"};

    private TestStores() {
    }

    static HashStore random(long seed, int size, int alphabetSize) {
        RandomMains mains = RandomMains.generate(seed, size, alphabetSize, 0.3);
        Random random = new Random(seed * 31 + 7);
        HashStore store = new HashStore(size);
        for (int e = 0; e < size; e++) {
            MmdtHash hash = hash(random.nextInt(3), mains.high[e], mains.low[e]);
            String label = LABELS[random.nextInt(LABELS.length)];
            String sampleId = random.nextInt(10) == 0
                    ? "sample-" + e
                    : String.format(Locale.ROOT, "%016x%016x%08x", random.nextLong(), random.nextLong(), e);
            store.append(hash, label, sampleId);
        }
        return store;
    }

    /** Returns a query that is new or a copy of an entry, with one byte perhaps changed. */
    static MmdtHash query(HashStore store, Random random, int alphabetSize) {
        int[] alphabet = new int[alphabetSize];
        for (int i = 0; i < alphabetSize; i++) {
            alphabet[i] = random.nextInt(256);
        }
        if (store.isEmpty() || random.nextInt(3) == 0) {
            return hash(random.nextInt(4), RandomMains.randomWord(random, alphabet),
                    RandomMains.randomWord(random, alphabet));
        }
        int copied = random.nextInt(store.size());
        long high = store.mainHigh(copied);
        if (random.nextBoolean()) {
            int shift = 8 * random.nextInt(8);
            high = (high & ~(0xFFL << shift)) | ((long) random.nextInt(256) << shift);
        }
        return hash(store.index(copied), high, store.mainLow(copied));
    }

    static MmdtHash hash(int index, long high, long low) {
        byte[] main = new byte[MmdtHash.MAIN_BYTES];
        for (int i = 0; i < 8; i++) {
            main[i] = (byte) (high >>> (56 - 8 * i));
            main[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return MmdtHash.of(index, main);
    }
}
