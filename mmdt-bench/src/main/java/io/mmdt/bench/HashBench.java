package io.mmdt.bench;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hashing throughput on in-memory random inputs, one thread.
 *
 * <p>JMH reports operations per second; multiply by {@code size} for bytes per second (the
 * README beside this module lists both). {@code md5} is the same-run baseline: the JDK's
 * MD5 over the same bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HashBench {

    @Param({"65536", "1048576", "33554432"})
    public int size;

    private final MmdtHasher hasher = new MmdtHasher();
    private byte[] data;
    private java.security.MessageDigest md5;

    @Setup
    public void setUp() throws Exception {
        data = new byte[size];
        new SplittableRandom(20261204).nextBytes(data);
        md5 = java.security.MessageDigest.getInstance("MD5");
    }

    @Benchmark
    public MmdtHash mmdt() {
        return hasher.hash(data);
    }

    @Benchmark
    public byte[] md5() {
        return md5.digest(data);
    }
}
