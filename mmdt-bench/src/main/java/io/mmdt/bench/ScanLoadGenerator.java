package io.mmdt.bench;

import io.mmdt.cli.server.ScanJson;
import io.mmdt.cli.server.ScanServer;
import io.mmdt.core.MmdtHash;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.Classifier;
import io.mmdt.knn.classify.KnnClassifier;
import io.mmdt.knn.scan.ScanReply;
import io.mmdt.knn.scan.ScanRequest;
import io.mmdt.knn.scan.ScanService;
import io.mmdt.knn.scan.ScanStatus;
import io.mmdt.knn.store.HashStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback load test of the scan server: starts a {@link ScanService} and a
 * {@link ScanServer} on 127.0.0.1 with a free port, in this JVM, and measures them.
 *
 * <ol>
 *   <li><b>Cached replies.</b> Fills the cache with {@code samples} results, then keeps
 *       {@code connections} keep-alive HTTP/1.1 connections busy with {@code POST /mmdt/scan}
 *       for those samples, one request in flight per connection, until {@code seconds} pass
 *       or {@code requests} replies arrive. Reports replies per second and the latency
 *       percentiles of single requests.
 *   <li><b>Fresh samples.</b> Submits {@code fresh} samples that are not cached, one at a
 *       time, to a service whose {@link KnnClassifier} searches a synthetic clustered store of
 *       {@code store} entries ({@link SyntheticStore}), and reports the time from submit to
 *       result.
 * </ol>
 *
 * <p>The client runs in the same JVM and on the same cores as the server, so the figures
 * are a lower bound for a server with the machine to itself. Nothing is sent anywhere but
 * 127.0.0.1.
 *
 * <p>Usage: {@code java -cp mmdt-bench/target/benchmarks.jar io.mmdt.bench.ScanLoadGenerator
 * [connections=32] [warmup=3] [seconds=10] [requests=1000000] [samples=1000] [store=1000000]
 * [fresh=20] [threads=N]}. Every argument is {@code name=value}. A warm-up of {@code warmup}
 * seconds precedes the measured run, and each run stops at the first of its seconds and
 * {@code requests}; neither may exceed 300 seconds or 10,000,000 requests. {@code threads}
 * sets the server's request threads (default: available processors, at least 2).
 */
public final class ScanLoadGenerator {

    private static final int MAX_SECONDS = 300;
    private static final long MAX_REQUESTS = 10_000_000;

    private ScanLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf(Locale.ROOT, "scan load test: %s%n", options);

        runCachedReplies(options);
        runFreshSamples(options);
    }

    private static void runCachedReplies(Options options) throws Exception {
        // The classifier for the cached phase is trivial, because only cache hits are measured.
        Classifier trivial = query -> new Classification(Classification.UNKNOWN, Optional.empty(), List.of(), List.of());
        try (ScanService service = ScanService.builder(trivial).workers(1).build();
                ScanServer server = ScanServer.builder(service).port(0).threads(options.threads).start()) {
            for (int n = 0; n < options.samples; n++) {
                ScanReply reply = service.scan(request(n), Duration.ofSeconds(10));
                if (reply.status() != ScanStatus.DONE) {
                    throw new IllegalStateException("failed to fill the cache: " + reply);
                }
            }

            List<byte[]> bodies = new ArrayList<>();
            for (int n = 0; n < options.samples; n++) {
                bodies.add(httpRequest(server.address().getPort(), request(n)));
            }

            // Warm up first, so that the JIT compiler has compiled the request path.
            runConnections(server, bodies, options.connections, options.warmup, options.requests);
            long serverCpuBefore = serverThreadsCpuNanos();
            long start = System.nanoTime();
            List<Connection> connections =
                    runConnections(server, bodies, options.connections, options.seconds, options.requests);
            long elapsed = System.nanoTime() - start;
            long serverCpu = serverThreadsCpuNanos() - serverCpuBefore;

            long replies = 0;
            long failures = 0;
            long clientCpu = 0;
            List<long[]> latencies = new ArrayList<>();
            for (Connection connection : connections) {
                if (connection.error != null) {
                    throw new IllegalStateException("connection failed", connection.error);
                }
                replies += connection.count;
                failures += connection.failures;
                clientCpu += connection.cpuNanos;
                latencies.add(Arrays.copyOf(connection.latencies, connection.count));
            }
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf(Locale.ROOT, "cached replies: %d in %.2f s = %.0f replies/s, %d not status 20000%n",
                    replies, elapsed / 1e9, replies / (elapsed / 1e9), failures);
            System.out.printf(Locale.ROOT, "latency: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                    percentile(all, 0.50), percentile(all, 0.90), percentile(all, 0.99), percentile(all, 0.999),
                    all.length == 0 ? 0.0 : all[all.length - 1] / 1e6);
            // CPU time per reply depends less on other load than the rates above do. The
            // available processors divided by it give a rough ceiling for an idle machine.
            double serverMicros = serverCpu / 1e3 / Math.max(1, replies);
            System.out.printf(Locale.ROOT,
                    "CPU per reply: server threads %.1f us, client threads %.1f us; server ceiling with %d"
                            + " processors and the client elsewhere: about %.0f replies/s (an estimate)%n",
                    serverMicros, clientCpu / 1e3 / Math.max(1, replies),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors() * 1e6 / serverMicros);
        }
    }

    private static List<Connection> runConnections(
            ScanServer server, List<byte[]> bodies, int count, int seconds, long requests) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong remaining = new AtomicLong(requests);
        List<Connection> connections = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            connections.add(new Connection(server.address().getAddress(), server.address().getPort(),
                    bodies, c, deadline, remaining));
        }
        connections.forEach(Thread::start);
        for (Connection connection : connections) {
            connection.join();
        }
        return connections;
    }

    private static void runFreshSamples(Options options) throws Exception {
        if (options.fresh == 0) {
            return;
        }
        long built = System.nanoTime();
        SyntheticStore synthetic = SyntheticStore.clustered(1, options.store);
        HashStore store = new HashStore(synthetic.size());
        for (int i = 0; i < synthetic.size(); i++) {
            store.append(synthetic.hashes[i], synthetic.labels[i], synthetic.sampleIds[i]);
        }
        Classifier classifier = KnnClassifier.of(store);
        System.out.printf(Locale.ROOT, "synthetic clustered store: %d entries, store and KNN index built in %.1f s%n",
                options.store, (System.nanoTime() - built) / 1e9);

        try (ScanService service = ScanService.builder(classifier).workers(1).build()) {
            MmdtHash[] queries = synthetic.queries(options.fresh);
            long[] times = new long[options.fresh];
            for (int i = 0; i < options.fresh; i++) {
                ScanRequest request = new ScanRequest(String.format("%032x", i), String.format("%040x", i),
                        "fresh-" + i, queries[i].toString());
                long start = System.nanoTime();
                ScanReply reply = service.scan(request, Duration.ofSeconds(60));
                times[i] = System.nanoTime() - start;
                if (reply.status() != ScanStatus.DONE) {
                    throw new IllegalStateException("fresh sample not done within 60 s: " + reply);
                }
            }
            Arrays.sort(times);
            System.out.printf(Locale.ROOT, "fresh sample, submit to result: p50 %.1f ms, max %.1f ms over %d samples%n",
                    percentile(times, 0.5), times[times.length - 1] / 1e6, times.length);
        }
    }

    /**
     * Returns the CPU time used so far by the threads of the HTTP server: its dispatcher and
     * its request threads. Counts only threads alive now, which for the server is all of them.
     */
    private static long serverThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("mmdt-scan-http")
                    || info.getThreadName().startsWith("HTTP-Dispatcher"))) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** Returns the given percentile of sorted nanosecond values, in milliseconds. */
    private static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(rank, sorted.length - 1))] / 1e6;
    }

    static ScanRequest request(int n) {
        byte[] main = new byte[MmdtHash.MAIN_BYTES];
        new Random(n).nextBytes(main);
        return new ScanRequest(String.format("%032x", n), String.format("%040x", n), "sample-" + n,
                MmdtHash.of(n, main).toString());
    }

    private static byte[] httpRequest(int port, ScanRequest request) {
        byte[] body = ScanJson.writeRequest(request);
        String head = "POST /mmdt/scan HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** One keep-alive connection that sends a request, reads the reply, and repeats. */
    private static final class Connection extends Thread {

        private static final byte[] DONE_MARKER = "\"status\":20000".getBytes(StandardCharsets.US_ASCII);

        private final InetAddress address;
        private final int port;
        private final List<byte[]> requests;
        private final int offset;
        private final long deadline;
        private final AtomicLong remaining;

        long[] latencies = new long[1 << 16];
        int count;
        long failures;
        long cpuNanos;
        Exception error;

        Connection(InetAddress address, int port, List<byte[]> requests, int offset, long deadline,
                AtomicLong remaining) {
            super("load-connection-" + offset);
            this.address = address;
            this.port = port;
            this.requests = requests;
            this.offset = offset;
            this.deadline = deadline;
            this.remaining = remaining;
        }

        @Override
        public void run() {
            try (Socket socket = new Socket(address, port)) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
                int next = offset;
                while (System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
                    byte[] request = requests.get(next++ % requests.size());
                    long start = System.nanoTime();
                    out.write(request);
                    out.flush();
                    byte[] body = readReply(in);
                    long latency = System.nanoTime() - start;
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = latency;
                    if (!contains(body, DONE_MARKER)) {
                        failures++;
                    }
                }
                cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            } catch (IOException | RuntimeException e) {
                error = e;
            }
        }

        private static byte[] readReply(InputStream in) throws IOException {
            int contentLength = -1;
            String line;
            while (!(line = readLine(in)).isEmpty()) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                    contentLength = Integer.parseInt(line.substring(colon + 1).trim());
                }
            }
            if (contentLength < 0) {
                throw new IOException("reply without Content-Length");
            }
            return in.readNBytes(contentLength);
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private static boolean contains(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    /** Command-line options, each {@code name=value}. */
    private record Options(
            int connections, int warmup, int seconds, long requests, int samples, int store, int fresh, int threads) {

        static Options parse(String[] args) {
            int connections = 32;
            int warmup = 3;
            int seconds = 10;
            long requests = 1_000_000;
            int samples = 1000;
            int store = 1_000_000;
            int fresh = 20;
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            for (String arg : args) {
                int equals = arg.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException("invalid argument '" + arg + "': expected name=value");
                }
                String name = arg.substring(0, equals);
                long value = Long.parseLong(arg.substring(equals + 1));
                switch (name) {
                    case "connections" -> connections = (int) checkRange(name, value, 1, 1024);
                    case "warmup" -> warmup = (int) checkRange(name, value, 1, MAX_SECONDS);
                    case "seconds" -> seconds = (int) checkRange(name, value, 1, MAX_SECONDS);
                    case "requests" -> requests = checkRange(name, value, 1, MAX_REQUESTS);
                    case "samples" -> samples = (int) checkRange(name, value, 1, 1_000_000);
                    case "store" -> store = (int) checkRange(name, value, 1, 50_000_000);
                    case "fresh" -> fresh = (int) checkRange(name, value, 0, 10_000);
                    case "threads" -> threads = (int) checkRange(name, value, 1, 256);
                    default -> throw new IllegalArgumentException("unknown argument '" + name
                            + "': expected connections, warmup, seconds, requests, samples, store, fresh or threads");
                }
            }
            return new Options(connections, warmup, seconds, requests, samples, store, fresh, threads);
        }

        private static long checkRange(String name, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
            }
            return value;
        }
    }
}
