package io.mmdt.bench;

import io.mmdt.core.MmdtHash;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.KnnClassifier;
import io.mmdt.knn.store.HashStore;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Classifies one hash against a store of a million entries on one thread, with k = 10 and
 * threshold 0.95: the k-d tree of {@link KnnClassifier} against a brute-force scan that
 * computes every distance and sorts them all, as python_mmdt 0.3.1 does. Sample-time mode
 * reports percentiles, so the median is the p0.50 line. {@link KnnBuildBench} times the
 * index build.
 *
 * <p>Parameters: {@code store} is {@code clustered} (families of near-duplicates, skewed
 * sizes, a third exact copies) or {@code uniform} (every byte random); {@code queries} is
 * {@code near} (stored entries with a few bytes moved by 1 or 2) or {@code fresh} (random
 * hashes, whose nearest entry is far). See {@link SyntheticStore}.
 *
 * <pre>{@code java -jar mmdt-bench/target/benchmarks.jar KnnBench -prof gc}</pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KnnBench {

    private static final int QUERY_COUNT = 256;

    @Param({"1000000"})
    public int size;

    @Param({"clustered", "uniform"})
    public String store;

    @Param({"near", "fresh"})
    public String queries;

    private HashStore hashStore;
    private KnnClassifier classifier;
    private MmdtHash[] queryHashes;
    private long[] storeHigh;
    private long[] storeLow;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticStore generated = store.equals("uniform")
                ? SyntheticStore.uniform(1, size)
                : SyntheticStore.clustered(1, size);
        hashStore = new HashStore(size);
        for (int i = 0; i < size; i++) {
            hashStore.append(generated.hashes[i], generated.labels[i], generated.sampleIds[i]);
        }
        classifier = KnnClassifier.of(hashStore);

        MmdtHash[] mixed = generated.queries(2 * QUERY_COUNT);
        int parity = queries.equals("near") ? 0 : 1;
        queryHashes = new MmdtHash[QUERY_COUNT];
        for (int q = 0; q < QUERY_COUNT; q++) {
            queryHashes[q] = mixed[2 * q + parity];
        }
        storeHigh = new long[size];
        storeLow = new long[size];
        for (int i = 0; i < size; i++) {
            storeHigh[i] = hashStore.mainHigh(i);
            storeLow[i] = hashStore.mainLow(i);
        }
    }

    /** Classifies one query with the k-d tree search of KnnClassifier. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Classification knnTree() {
        return classifier.classify(nextQuery());
    }

    /** Computes every distance, sorts them all and returns the 10 nearest positions: the baseline. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int[] bruteForceSort() {
        MmdtHash query = nextQuery();
        long queryHigh = pack(query, 0);
        long queryLow = pack(query, 8);
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            long d2 = squaredDistance(storeHigh[i], queryHigh) + squaredDistance(storeLow[i], queryLow);
            keys[i] = (d2 << 32) | i;
        }
        Arrays.sort(keys);
        int[] nearest = new int[10];
        for (int i = 0; i < nearest.length; i++) {
            nearest[i] = (int) keys[i];
        }
        return nearest;
    }

    private MmdtHash nextQuery() {
        MmdtHash query = queryHashes[next];
        next = (next + 1) % QUERY_COUNT;
        return query;
    }

    private static long pack(MmdtHash hash, int first) {
        long word = 0;
        for (int i = first; i < first + 8; i++) {
            word = (word << 8) | hash.mainByte(i);
        }
        return word;
    }

    private static int squaredDistance(long a, long b) {
        int sum = 0;
        for (int shift = 0; shift < 64; shift += 8) {
            int d = (int) ((a >>> shift) & 0xFF) - (int) ((b >>> shift) & 0xFF);
            sum += d * d;
        }
        return sum;
    }
}
