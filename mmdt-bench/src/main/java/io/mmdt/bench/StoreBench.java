package io.mmdt.bench;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.store.StoreFiles;
import io.mmdt.knn.store.StoreFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures loading a store of {@link #entries} random entries with SHA-1 sample ids and 1,150
 * labels (the label count of python_mmdt's published production store) from each format.
 *
 * <p>Setup prints the memory cost per entry twice: computed from the column array lengths
 * ({@link HashStore#columnBytes()}), and measured as the heap growth across one load after
 * forced garbage collections, which also counts the label strings and object headers. The
 * measured figure is an estimate, because {@code System.gc()} is only a request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class StoreBench {

    private static final int LABELS = 1150;

    @Param({"1000000"})
    public int entries;

    @Param({"NATIVE", "TEXT", "PYTHON_MMDT"})
    public StoreFormat format;

    private Path directory;
    private Path file;

    @Setup(Level.Trial)
    public void writeStore() throws IOException {
        Random random = new Random(42);
        HashStore store = new HashStore(entries);
        byte[] main = new byte[MmdtHash.MAIN_BYTES];
        for (int i = 0; i < entries; i++) {
            random.nextBytes(main);
            store.append(MmdtHash.of(random.nextInt(), main), "family" + random.nextInt(LABELS), sha1(random));
        }
        directory = Files.createTempDirectory("store-bench");
        file = directory.resolve("store" + format.extension());
        StoreFiles.save(store, file, format);
        store = null;

        long before = usedHeapAfterGc();
        HashStore loaded = StoreFiles.load(file);
        long after = usedHeapAfterGc();
        System.out.printf("%n%s: %d entries, %d bytes on disk, columns %.1f bytes/entry (array lengths), "
                        + "heap growth %.1f bytes/entry (measured estimate)%n",
                format, loaded.size(), Files.size(file), (double) loaded.columnBytes() / loaded.size(),
                (double) (after - before) / loaded.size());
    }

    @TearDown(Level.Trial)
    public void deleteStore() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(directory);
    }

    @Benchmark
    public HashStore load() throws IOException {
        return StoreFiles.load(file);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String sha1(Random random) {
        StringBuilder hex = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
