package io.mmdt.bench;

import io.mmdt.knn.classify.KnnClassifier;
import io.mmdt.knn.store.HashStore;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Builds a {@link KnnClassifier}, and so its k-d tree index, over a synthetic store of a
 * million entries (see {@link SyntheticStore}), once per invocation.
 *
 * <pre>{@code java -jar mmdt-bench/target/benchmarks.jar KnnBuildBench}</pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class KnnBuildBench {

    @Param({"1000000"})
    public int size;

    @Param({"clustered", "uniform"})
    public String store;

    private HashStore hashStore;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticStore generated = store.equals("uniform")
                ? SyntheticStore.uniform(1, size)
                : SyntheticStore.clustered(1, size);
        hashStore = new HashStore(size);
        for (int i = 0; i < size; i++) {
            hashStore.append(generated.hashes[i], generated.labels[i], generated.sampleIds[i]);
        }
    }

    @Benchmark
    public KnnClassifier buildIndex() {
        return KnnClassifier.of(hashStore);
    }
}
