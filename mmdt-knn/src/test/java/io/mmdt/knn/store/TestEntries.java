package io.mmdt.knn.store;

import io.mmdt.core.MmdtHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Entries for tests: random ones from a seed, and jqwik arbitraries that include awkward labels and ids. */
final class TestEntries {

    private TestEntries() {
    }

    static MmdtHash randomHash(Random random) {
        byte[] main = new byte[MmdtHash.MAIN_BYTES];
        random.nextBytes(main);
        return MmdtHash.of(random.nextInt(), main);
    }

    static String randomSha1(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            out.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return out.toString();
    }

    /** Returns {@code count} entries with SHA-1 ids and labels drawn from {@code labels} distinct ones. */
    static List<StoreEntry> random(long seed, int count, int labels) {
        Random random = new Random(seed);
        List<StoreEntry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new StoreEntry(randomHash(random), "family" + random.nextInt(labels), randomSha1(random)));
        }
        return out;
    }

    static HashStore storeOf(List<StoreEntry> entries) {
        HashStore store = new HashStore();
        entries.forEach(store::append);
        return store;
    }

    static Arbitrary<StoreEntry> entries() {
        Arbitrary<MmdtHash> hashes = Combinators.combine(
                        Arbitraries.integers(), Arbitraries.bytes().array(byte[].class).ofSize(MmdtHash.MAIN_BYTES))
                .as(MmdtHash::of);
        Arbitrary<String> labels = Arbitraries.oneOf(
                Arbitraries.of("clean", "virlock", "a:b", "", "trailing:", "ünïcödé", "tab\there", "#hash"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12));
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(40),
                Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(40),
                Arbitraries.strings().withCharRange('!', '9').ofMinLength(1).ofMaxLength(64));
        return Combinators.combine(hashes, labels, ids).as(StoreEntry::new);
    }
}
