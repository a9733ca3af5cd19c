package io.mmdt.knn.store;

import io.mmdt.core.MmdtHash;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An in-memory labelled hash store: a list of {@link StoreEntry entries} in insertion order,
 * each addressed by its <em>position</em> {@code 0 .. size() - 1}.
 *
 * <p>The store is columnar, so a million entries cost about 44 bytes each and no object per
 * entry: the index and the two halves of the main part are primitive arrays, labels are
 * ids into a <em>label dictionary</em> (the distinct labels, numbered from 0 in order of
 * first appearance), and sample ids that are 40 lower-case hex digits are packed into 20
 * bytes. Other sample ids go to a small side table.
 *
 * <p>Concurrency: any number of threads may read while one or more threads append. Appends
 * are serialised by a lock and each publishes a new snapshot of the columns through a
 * volatile field, so a reader sees either all of an entry or none of it. Entries are never
 * changed or removed, so a position, once below {@link #size()}, keeps its entry; the
 * maintenance operations in {@link StoreMaintenance} return new stores. {@link #snapshot()}
 * returns a read-only store fixed at the current size, which is the way to iterate or
 * classify against one consistent state.
 *
 * <p>Methods that take a position throw {@link IndexOutOfBoundsException} when it is not
 * below {@link #size()}.
 */
public final class HashStore implements Iterable<StoreEntry> {

    /** Number of hex digits of a packed sample id, the length of a SHA-1 in hex. */
    static final int PACKED_ID_DIGITS = 40;

    /** Number of bytes a packed sample id takes. */
    static final int PACKED_ID_BYTES = PACKED_ID_DIGITS / 2;

    private static final int DEFAULT_CAPACITY = 16;

    /** The largest array length to request, because some JVMs reserve header words in an array. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private final Object appendLock = new Object();

    private final boolean readOnly;

    /**
     * Label to label id, for every label of the dictionary. Ids only ever get added, so a
     * read-only snapshot shares this map and ignores ids at or above its label count.
     */
    private final Map<String, Integer> labelIds;

    private volatile Columns columns;

    /** Creates an empty store. */
    public HashStore() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Creates an empty store with room for {@code expectedSize} entries before its arrays grow.
     *
     * @throws IllegalArgumentException if {@code expectedSize} is negative
     */
    public HashStore(int expectedSize) {
        if (expectedSize < 0 || expectedSize > MAX_CAPACITY) {
            throw new IllegalArgumentException("invalid expected size: " + expectedSize);
        }
        this.readOnly = false;
        this.labelIds = new ConcurrentHashMap<>();
        this.columns = Columns.empty(expectedSize);
    }

    private HashStore(Columns columns, Map<String, Integer> labelIds, boolean readOnly) {
        this.readOnly = readOnly;
        this.labelIds = labelIds;
        this.columns = columns;
    }

    /**
     * Creates a store from complete columns, without copying them; the store readers use this
     * after they have checked every value.
     */
    static HashStore fromColumns(Columns columns) {
        Map<String, Integer> ids = new ConcurrentHashMap<>(Math.max(16, columns.labelCount * 2));
        for (int id = 0; id < columns.labelCount; id++) {
            if (ids.putIfAbsent(columns.labels[id], id) != null) {
                throw new IllegalArgumentException(
                        "duplicate label in the dictionary: \"" + StoreEntry.escape(columns.labels[id]) + "\"");
            }
        }
        return new HashStore(columns, ids, false);
    }

    /** Returns the number of entries. */
    public int size() {
        return columns.size;
    }

    /** Returns whether the store has no entries. */
    public boolean isEmpty() {
        return columns.size == 0;
    }

    /** Returns whether this store rejects appends; only {@linkplain #snapshot() snapshots} do. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Appends an entry and returns its position.
     *
     * @throws NullPointerException if {@code entry} is null
     * @throws IllegalStateException if the store is a read-only snapshot or already contains
     *     the maximum number of entries
     */
    public int append(StoreEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return appendChecked(entry.hash(), entry.label(), entry.sampleId());
    }

    /**
     * Appends an entry and returns its position; the arguments follow the rules of
     * {@link StoreEntry}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the label or the sample id is invalid
     * @throws IllegalStateException if the store is a read-only snapshot or already contains
     *     the maximum number of entries
     */
    public int append(MmdtHash hash, String label, String sampleId) {
        Objects.requireNonNull(hash, "hash");
        StoreEntry.checkLabel(label);
        StoreEntry.checkSampleId(sampleId);
        return appendChecked(hash, label, sampleId);
    }

    /**
     * Appends every entry of {@code other} in its order, reading one consistent snapshot of it.
     *
     * @throws IllegalStateException if this store is read-only or would grow too large
     */
    public void appendAll(HashStore other) {
        Objects.requireNonNull(other, "other");
        Columns source = other.columns;
        synchronized (appendLock) {
            for (int i = 0; i < source.size; i++) {
                appendChecked(hashOf(source, i), source.labels[source.labelIds[i]], sampleIdOf(source, i));
            }
        }
    }

    private int appendChecked(MmdtHash hash, String label, String sampleId) {
        synchronized (appendLock) {
            if (readOnly) {
                throw new IllegalStateException("cannot append to a read-only store snapshot");
            }
            Integer known = labelIds.get(label);
            Columns next = columns.withEntry(hash, known != null ? known : -1, label, sampleId);
            if (known == null) {
                // Readers ignore ids at or above the published label count, so the map may
                // learn the id before the columns are published.
                labelIds.put(label, next.labelCount - 1);
            }
            columns = next;
            return next.size - 1;
        }
    }

    /** Returns the entry at {@code position}. */
    public StoreEntry entry(int position) {
        Columns c = checked(position);
        return new StoreEntry(hashOf(c, position), c.labels[c.labelIds[position]], sampleIdOf(c, position));
    }

    /** Returns the hash of the entry at {@code position}. */
    public MmdtHash hash(int position) {
        return hashOf(checked(position), position);
    }

    /** Returns the index part of the hash at {@code position}; byte 0 is the top byte. */
    public int index(int position) {
        return checked(position).indexes[position];
    }

    /**
     * Returns main bytes 0 to 7 of the hash at {@code position}, big-endian: main byte 0 is
     * the most significant byte, as in {@link MmdtHash}.
     */
    public long mainHigh(int position) {
        return checked(position).mainHighs[position];
    }

    /** Returns main bytes 8 to 15 of the hash at {@code position}, big-endian. */
    public long mainLow(int position) {
        return checked(position).mainLows[position];
    }

    /**
     * Copies the 16 main bytes of the hash at {@code position} into {@code destination} at
     * {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the position is invalid or fewer than 16 bytes
     *     follow {@code offset}
     */
    public void copyMain(int position, byte[] destination, int offset) {
        Columns c = checked(position);
        Objects.checkFromIndexSize(offset, MmdtHash.MAIN_BYTES, destination.length);
        writeLong(destination, offset, c.mainHighs[position]);
        writeLong(destination, offset + 8, c.mainLows[position]);
    }

    /** Returns the label of the entry at {@code position}. */
    public String label(int position) {
        Columns c = checked(position);
        return c.labels[c.labelIds[position]];
    }

    /** Returns the label id of the entry at {@code position}, an index into {@link #labelDictionary()}. */
    public int labelId(int position) {
        return checked(position).labelIds[position];
    }

    /** Returns the sample id of the entry at {@code position}. */
    public String sampleId(int position) {
        return sampleIdOf(checked(position), position);
    }

    /** Returns the number of distinct labels. */
    public int labelCount() {
        return columns.labelCount;
    }

    /** Returns the distinct labels, label id {@code i} at index {@code i}, as an immutable list. */
    public List<String> labelDictionary() {
        Columns c = columns;
        return List.of(Arrays.copyOf(c.labels, c.labelCount));
    }

    /**
     * Returns the label with id {@code labelId}.
     *
     * @throws IndexOutOfBoundsException if {@code labelId} is not below {@link #labelCount()}
     */
    public String labelOf(int labelId) {
        Columns c = columns;
        Objects.checkIndex(labelId, c.labelCount);
        return c.labels[labelId];
    }

    /** Returns the id of {@code label}, or -1 if no entry has that label. */
    public int labelIdOf(String label) {
        Objects.requireNonNull(label, "label");
        Integer id = labelIds.get(label);
        return id != null && id < columns.labelCount ? id : -1;
    }

    /**
     * Returns the positions, in increasing order, of all entries whose sample id is
     * {@code sampleId}; an empty array if there are none.
     */
    public int[] positionsOfSampleId(String sampleId) {
        Objects.requireNonNull(sampleId, "sampleId");
        Columns c = columns;
        int[] found = new int[4];
        int count = 0;

        // Limitation: this scans every entry (about a millisecond per million entries); a
        // caller that looks up many ids should build its own map once.
        if (isPackable(sampleId)) {
            byte[] key = new byte[PACKED_ID_BYTES];
            pack(sampleId, key, 0);
            for (int i = 0; i < c.size; i++) {
                if (Arrays.equals(c.packedIds, i * PACKED_ID_BYTES, (i + 1) * PACKED_ID_BYTES, key, 0, PACKED_ID_BYTES)
                        && !c.hasOtherId(i)) {
                    found = add(found, count++, i);
                }
            }
        } else {
            for (int k = 0; k < c.otherIdCount; k++) {
                if (c.otherIds[k].equals(sampleId)) {
                    found = add(found, count++, c.otherIdPositions[k]);
                }
            }
        }
        return Arrays.copyOf(found, count);
    }

    /**
     * Returns a read-only store with the entries this store has now. Later appends to this
     * store do not show in it. The snapshot shares the arrays, so it costs no copying.
     */
    public HashStore snapshot() {
        return readOnly ? this : new HashStore(columns, labelIds, true);
    }

    /**
     * Returns an estimate of the heap bytes held by the columns, spare capacity included: the
     * array lengths times the element sizes, without object headers and without the label
     * and side-table strings.
     */
    public long columnBytes() {
        Columns c = columns;
        long bytes = 4L * c.indexes.length + 8L * c.mainHighs.length + 8L * c.mainLows.length
                + 4L * c.labelIds.length + c.packedIds.length
                + 4L * c.otherIdPositions.length + 4L * c.otherIds.length + 4L * c.labels.length;
        return bytes;
    }

    /** Returns an iterator over the entries present when it is created, in insertion order. */
    @Override
    public Iterator<StoreEntry> iterator() {
        Columns c = columns;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < c.size;
            }

            @Override
            public StoreEntry next() {
                if (next >= c.size) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                return new StoreEntry(hashOf(c, i), c.labels[c.labelIds[i]], sampleIdOf(c, i));
            }
        };
    }

    /** Returns a sequential stream of the entries present now, in insertion order. */
    public Stream<StoreEntry> stream() {
        int size = size();
        return StreamSupport.stream(Spliterators.spliterator(iterator(), size,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    /** Returns the columns of this store as they are now; for the store writers. */
    Columns columns() {
        return columns;
    }

    @Override
    public String toString() {
        Columns c = columns;
        return "HashStore[" + c.size + " entries, " + c.labelCount + " labels" + (readOnly ? ", read-only]" : "]");
    }

    private Columns checked(int position) {
        Columns c = columns;
        Objects.checkIndex(position, c.size);
        return c;
    }

    private static MmdtHash hashOf(Columns c, int i) {
        byte[] main = new byte[MmdtHash.MAIN_BYTES];
        writeLong(main, 0, c.mainHighs[i]);
        writeLong(main, 8, c.mainLows[i]);
        return MmdtHash.of(c.indexes[i], main);
    }

    private static String sampleIdOf(Columns c, int i) {
        if (c.otherIdCount > 0) {
            int k = Arrays.binarySearch(c.otherIdPositions, 0, c.otherIdCount, i);
            if (k >= 0) {
                return c.otherIds[k];
            }
        }
        return unpack(c.packedIds, i * PACKED_ID_BYTES);
    }

    private static int[] add(int[] array, int count, int value) {
        int[] out = count == array.length ? Arrays.copyOf(array, count * 2) : array;
        out[count] = value;
        return out;
    }

    /** Returns whether {@code id} is 40 lower-case hex digits, the only form that is packed. */
    static boolean isPackable(String id) {
        if (id.length() != PACKED_ID_DIGITS) {
            return false;
        }
        for (int i = 0; i < PACKED_ID_DIGITS; i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** Packs a {@linkplain #isPackable packable} id into 20 bytes of {@code out} at {@code offset}. */
    static void pack(String id, byte[] out, int offset) {
        for (int i = 0; i < PACKED_ID_BYTES; i++) {
            int high = Character.digit(id.charAt(2 * i), 16);
            int low = Character.digit(id.charAt(2 * i + 1), 16);
            out[offset + i] = (byte) ((high << 4) | low);
        }
    }

    static String unpack(byte[] packed, int offset) {
        char[] digits = new char[PACKED_ID_DIGITS];
        for (int i = 0; i < PACKED_ID_BYTES; i++) {
            int b = packed[offset + i] & 0xFF;
            digits[2 * i] = HEX_DIGITS[b >>> 4];
            digits[2 * i + 1] = HEX_DIGITS[b & 0xF];
        }
        return new String(digits);
    }

    static void writeLong(byte[] out, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            out[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    /**
     * The columns of a store up to {@code size}; arrays may be longer than {@code size}.
     * Appending writes only past {@code size} and then publishes a new instance, so an
     * instance's entries never change after it is published.
     */
    static final class Columns {
        final int size;
        final int[] indexes;
        final long[] mainHighs;
        final long[] mainLows;
        final int[] labelIds;
        final byte[] packedIds;

        /** Positions, increasing, of the entries whose sample id is in {@link #otherIds}. */
        final int[] otherIdPositions;
        final String[] otherIds;
        final int otherIdCount;

        final String[] labels;
        final int labelCount;

        Columns(int size, int[] indexes, long[] mainHighs, long[] mainLows, int[] labelIds, byte[] packedIds,
                int[] otherIdPositions, String[] otherIds, int otherIdCount, String[] labels, int labelCount) {
            this.size = size;
            this.indexes = indexes;
            this.mainHighs = mainHighs;
            this.mainLows = mainLows;
            this.labelIds = labelIds;
            this.packedIds = packedIds;
            this.otherIdPositions = otherIdPositions;
            this.otherIds = otherIds;
            this.otherIdCount = otherIdCount;
            this.labels = labels;
            this.labelCount = labelCount;
        }

        static Columns empty(int capacity) {
            return new Columns(0, new int[capacity], new long[capacity], new long[capacity], new int[capacity],
                    new byte[capacity * PACKED_ID_BYTES], new int[0], new String[0], 0, new String[4], 0);
        }

        boolean hasOtherId(int position) {
            return otherIdCount > 0 && Arrays.binarySearch(otherIdPositions, 0, otherIdCount, position) >= 0;
        }

        /**
         * Returns columns with one more entry. {@code labelId} is the label's id, or -1 for a
         * new label. Writes past {@code size} only, so published instances stay unchanged.
         */
        Columns withEntry(MmdtHash hash, int labelId, String label, String sampleId) {
            int n = size;
            if (n == MAX_CAPACITY) {
                throw new IllegalStateException("store is full: " + n + " entries");
            }
            int[] nextIndexes = indexes;
            long[] nextHighs = mainHighs;
            long[] nextLows = mainLows;
            int[] nextLabelIds = labelIds;
            byte[] nextPacked = packedIds;
            if (n == indexes.length) {
                int capacity = grownCapacity(n);
                nextIndexes = Arrays.copyOf(indexes, capacity);
                nextHighs = Arrays.copyOf(mainHighs, capacity);
                nextLows = Arrays.copyOf(mainLows, capacity);
                nextLabelIds = Arrays.copyOf(labelIds, capacity);
                nextPacked = Arrays.copyOf(packedIds, Math.multiplyExact(capacity, PACKED_ID_BYTES));
            }

            String[] nextLabels = labels;
            int nextLabelCount = labelCount;
            if (labelId < 0) {
                if (labelCount == labels.length) {
                    nextLabels = Arrays.copyOf(labels, grownCapacity(labelCount));
                }
                labelId = nextLabelCount++;
                nextLabels[labelId] = label;
            }

            int[] nextOtherPositions = otherIdPositions;
            String[] nextOtherIds = otherIds;
            int nextOtherCount = otherIdCount;
            if (isPackable(sampleId)) {
                pack(sampleId, nextPacked, n * PACKED_ID_BYTES);
            } else {
                if (otherIdCount == otherIdPositions.length) {
                    nextOtherPositions = Arrays.copyOf(otherIdPositions, grownCapacity(otherIdCount));
                    nextOtherIds = Arrays.copyOf(otherIds, nextOtherPositions.length);
                }
                nextOtherPositions[nextOtherCount] = n;
                nextOtherIds[nextOtherCount] = sampleId;
                nextOtherCount++;
            }

            byte[] main = hash.mainBytes();
            nextIndexes[n] = hash.index();
            nextHighs[n] = readLong(main, 0);
            nextLows[n] = readLong(main, 8);
            nextLabelIds[n] = labelId;
            return new Columns(n + 1, nextIndexes, nextHighs, nextLows, nextLabelIds, nextPacked,
                    nextOtherPositions, nextOtherIds, nextOtherCount, nextLabels, nextLabelCount);
        }

        private static int grownCapacity(int current) {
            long grown = Math.max(DEFAULT_CAPACITY, current + (current >> 1));
            return (int) Math.min(grown, MAX_CAPACITY);
        }

        private static long readLong(byte[] bytes, int offset) {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (bytes[offset + i] & 0xFF);
            }
            return value;
        }
    }
}
