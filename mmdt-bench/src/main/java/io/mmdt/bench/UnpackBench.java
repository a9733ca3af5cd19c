package io.mmdt.bench;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import io.mmdt.knn.unpack.ContainerHasher;
import io.mmdt.knn.unpack.Unpacker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Throughput of hashing a large real ZIP member by member, as {@code mmdt hash --unpack}
 * does, on one thread.
 *
 * <p>The input is the file named by {@code -p file=PATH}, by default the JDK's
 * {@code lib/src.zip} under {@code java.home} (in JDK 25, 53 MB with about fifteen thousand members).
 * {@code unpackAndHash} reports two extra counters in operations per second, which here
 * mean per second: {@code bytesHashed} (member bytes plus the container's own bytes) and
 * {@code membersHashed}. Two same-run baselines split the cost: {@code unpackOnly} reads
 * every member without hashing it (its counters count the bytes read), and
 * {@code hashWhole} hashes the container's bytes as one file without unpacking.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class UnpackBench {

    /** Path of the container to hash; empty means {@code ${java.home}/lib/src.zip}. */
    @Param("")
    public String file;

    private final MmdtHasher hasher = new MmdtHasher();
    private final Unpacker unpacker = new Unpacker();
    private final ContainerHasher containerHasher = new ContainerHasher(hasher, unpacker);
    private Path input;

    /** Counters that JMH divides by the measured time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long bytesHashed;
        public long membersHashed;

        @Setup(Level.Iteration)
        public void reset() {
            bytesHashed = 0;
            membersHashed = 0;
        }
    }

    @Setup
    public void setUp() {
        input = file.isEmpty() ? Path.of(System.getProperty("java.home"), "lib", "src.zip") : Path.of(file);
        if (!Files.isRegularFile(input)) {
            throw new IllegalStateException("benchmark input not found: " + input
                    + ". Pass a large ZIP or JAR with -p file=PATH");
        }
    }

    @Benchmark
    public void unpackAndHash(Counters counters) throws IOException {
        containerHasher.hash(input, result -> {
            counters.bytesHashed += result.size();
            counters.membersHashed++;
        });
    }

    @Benchmark
    public void unpackOnly(Counters counters) throws IOException {
        byte[] sink = new byte[64 * 1024];
        unpacker.unpack(input, member -> {
            InputStream content = member.content();
            while (content.read(sink) >= 0) {
                // Discard the bytes: this measures decompression and limit checks alone.
            }
            counters.bytesHashed += member.size();
            counters.membersHashed++;
        });
    }

    @Benchmark
    public MmdtHash hashWhole() throws IOException {
        return hasher.hash(input);
    }
}
