package io.mmdt.knn.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmdt.core.MmdtHash;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class HashStoreTest {

    private static final MmdtHash HASH = MmdtHash.parse("07122B59:7212890402200212DA032EC310AFEF8A");
    private static final String SHA1 = "5e1f0c2d3a4b59687766554433221100ffeeddcc";

    @Property(tries = 200)
    void storeReturnsWhatWasAppended(@ForAll("entryLists") List<StoreEntry> entries) {
        HashStore store = TestEntries.storeOf(entries);

        assertEquals(entries.size(), store.size());
        for (int i = 0; i < entries.size(); i++) {
            StoreEntry expected = entries.get(i);
            assertEquals(expected, store.entry(i));
            assertEquals(expected.hash(), store.hash(i));
            assertEquals(expected.label(), store.label(i));
            assertEquals(expected.sampleId(), store.sampleId(i));
            assertEquals(expected.label(), store.labelOf(store.labelId(i)));
        }
        List<StoreEntry> iterated = new ArrayList<>();
        store.forEach(iterated::add);
        assertEquals(entries, iterated);
    }

    @Provide
    Arbitrary<List<StoreEntry>> entryLists() {
        return TestEntries.entries().list().ofMaxSize(60);
    }

    @Test
    void mainLongsAreBigEndianLikeTheHash() {
        HashStore store = new HashStore();
        store.append(HASH, "clean", SHA1);

        assertEquals(0x07122B59, store.index(0));
        assertEquals(0x7212890402200212L, store.mainHigh(0));
        assertEquals(0xDA032EC310AFEF8AL, store.mainLow(0));
        byte[] main = new byte[18];
        store.copyMain(0, main, 2);
        byte[] expected = new byte[18];
        System.arraycopy(HASH.mainBytes(), 0, expected, 2, 16);
        assertArrayEquals(expected, main);
    }

    @Test
    void labelIdsFollowFirstAppearance() {
        HashStore store = new HashStore();
        store.append(HASH, "virlock", SHA1);
        store.append(HASH, "clean", SHA1);
        store.append(HASH, "virlock", SHA1);

        assertEquals(List.of("virlock", "clean"), store.labelDictionary());
        assertEquals(0, store.labelId(2));
        assertEquals(1, store.labelIdOf("clean"));
        assertEquals(-1, store.labelIdOf("absent"));
    }

    @Test
    void otherSampleIdsKeptExactly() {
        HashStore store = new HashStore();
        store.append(HASH, "clean", SHA1.toUpperCase());
        store.append(HASH, "clean", "sample-7");
        store.append(HASH, "clean", SHA1);

        assertEquals(SHA1.toUpperCase(), store.sampleId(0));
        assertEquals("sample-7", store.sampleId(1));
        assertEquals(SHA1, store.sampleId(2));
    }

    @Test
    void findsAllPositionsOfSampleId() {
        HashStore store = new HashStore();
        store.append(HASH, "a", SHA1);
        store.append(HASH, "b", "0000000000000000000000000000000000000000");
        store.append(HASH, "c", "other");
        store.append(HASH, "d", SHA1);

        assertArrayEquals(new int[] {0, 3}, store.positionsOfSampleId(SHA1));
        assertArrayEquals(new int[] {2}, store.positionsOfSampleId("other"));
        assertArrayEquals(new int[] {1}, store.positionsOfSampleId("0000000000000000000000000000000000000000"));
        assertArrayEquals(new int[0], store.positionsOfSampleId("missing"));
    }

    @Test
    void zeroIdDoesNotMatchSideTableEntries() {
        HashStore store = new HashStore();
        store.append(HASH, "a", "not-hex");

        assertArrayEquals(new int[0], store.positionsOfSampleId("0000000000000000000000000000000000000000"));
    }

    @Test
    void snapshotIgnoresLaterAppends() {
        HashStore store = new HashStore();
        store.append(HASH, "a", SHA1);
        HashStore snapshot = store.snapshot();
        for (int i = 0; i < 100; i++) {
            store.append(HASH, "label" + i, SHA1);
        }

        assertEquals(1, snapshot.size());
        assertEquals(1, snapshot.labelCount());
        assertEquals(-1, snapshot.labelIdOf("label5"));
        assertThrows(IndexOutOfBoundsException.class, () -> snapshot.entry(1));
        assertTrue(snapshot.isReadOnly());
        assertFalse(store.isReadOnly());
    }

    @Test
    void trimToSizeKeepsEntriesAndFreesCapacity() {
        List<StoreEntry> entries = TestEntries.random(11, 10_000, 100);
        HashStore store = TestEntries.storeOf(entries);
        long before = store.columnBytes();

        store.trimToSize();

        assertTrue(store.columnBytes() < before, before + " -> " + store.columnBytes());
        assertTrue(store.columnBytes() <= 48L * store.size(), "bytes: " + store.columnBytes());
        assertEquals(entries, store.stream().toList());
        store.append(HASH, "after", SHA1);
        assertEquals("after", store.label(entries.size()));
    }

    @Test
    void snapshotRejectsAppend() {
        HashStore snapshot = new HashStore().snapshot();

        assertThrows(IllegalStateException.class, () -> snapshot.append(HASH, "a", SHA1));
    }

    @Test
    void rejectsPositionOutOfRange() {
        HashStore store = new HashStore();
        store.append(HASH, "a", SHA1);

        assertThrows(IndexOutOfBoundsException.class, () -> store.hash(1));
        assertThrows(IndexOutOfBoundsException.class, () -> store.mainHigh(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> store.labelOf(1));
    }

    @Test
    void rejectsInvalidEntries() {
        HashStore store = new HashStore();

        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> store.append(HASH, "two\nlines", SHA1));
        assertTrue(label.getMessage().contains("two\\u000Alines"), label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.append(HASH, "a\u2028b", SHA1));
        assertThrows(IllegalArgumentException.class, () -> store.append(HASH, "a", ""));
        assertThrows(IllegalArgumentException.class, () -> store.append(HASH, "a", "x:y"));
        assertThrows(IllegalArgumentException.class, () -> store.append(HASH, "a", "x y"));
        assertEquals(0, store.size());
    }

    @Test
    void readersNeverSeeHalfWrittenEntries() throws Exception {
        HashStore store = new HashStore(1);
        List<StoreEntry> entries = TestEntries.random(7, 20_000, 50);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(3);

        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                started.countDown();
                try {
                    while (!done.get()) {
                        int size = store.size();
                        for (int i = Math.max(0, size - 50); i < size; i++) {
                            assertEquals(entries.get(i), store.entry(i));
                            assertEquals(entries.get(i).hash().index(), store.index(i));
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            reader.start();
            readers.add(reader);
        }
        started.countDown();
        started.await();
        entries.forEach(store::append);
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }

        assertEquals(null, failure.get());
        assertEquals(entries.size(), store.size());
    }
}
