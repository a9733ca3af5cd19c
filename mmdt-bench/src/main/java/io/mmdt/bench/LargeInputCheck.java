package io.mmdt.bench;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.SplittableRandom;

/**
 * Hashes a generated stream of the given size and prints the hash, the time and the peak
 * heap use, to check that memory does not grow with the input. Not a JMH benchmark: one run
 * of a multi-gigabyte input is the measurement.
 *
 * <pre>java -Xmx64m -cp mmdt-bench/target/benchmarks.jar io.mmdt.bench.LargeInputCheck 4294967296</pre>
 */
public final class LargeInputCheck {

    private LargeInputCheck() {
    }

    public static void main(String[] args) throws IOException {
        long length = args.length > 0 ? Long.parseLong(args[0]) : 4L << 30;
        long start = System.nanoTime();
        MmdtHash hash = new MmdtHasher().hash(new RandomStream(length, 20261204), length);
        double seconds = (System.nanoTime() - start) / 1e9;

        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("length %d bytes: %s in %.1f s (%.0f MB/s), max heap %d MiB, peak heap %.1f MiB%n",
                length, hash, seconds, length / seconds / 1e6,
                Runtime.getRuntime().maxMemory() >> 20, peakHeap / 1048576.0);
    }

    /** Pseudo-random bytes, generated as they are read. */
    private static final class RandomStream extends InputStream {
        private final SplittableRandom random;
        private long remaining;

        RandomStream(long length, long seed) {
            this.remaining = length;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i += 8) {
                long bits = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) {
                    b[off + i + j] = (byte) (bits >>> (8 * j));
                }
            }
            remaining -= n;
            return n;
        }
    }
}
