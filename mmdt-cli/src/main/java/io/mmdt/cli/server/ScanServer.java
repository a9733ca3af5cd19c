package io.mmdt.cli.server;

import com.sun.net.httpserver.HttpServer;
import io.mmdt.knn.scan.ScanService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front end of a {@link ScanService}, on the JDK's built-in HTTP server
 * ({@code com.sun.net.httpserver}).
 *
 * <p>Endpoints: {@code POST /mmdt/scan} takes a scan request as JSON ({@link ScanJson}) and
 * replies with the service's reply, and {@code GET /mmdt/health} replies
 * {@code {"status":"ok","queued_tasks":N}}. Every error is a JSON reply of the same shape as
 * a scan reply with a 4xx or 5xx HTTP status: malformed JSON or invalid fields (400), an
 * unknown path (404), a wrong method (405, with {@code Allow}), a body over the size limit
 * (413), a {@code Content-Type} other than JSON in UTF-8 (415), a full queue or a stopped
 * service (503, with {@code Retry-After}).
 *
 * <p>Requests are handled on a fixed pool of threads with a bounded queue. When both are
 * full, the server's dispatcher thread handles the request itself, which stops it from
 * accepting more connections until it is done. A connection whose request takes more than
 * 10 seconds to arrive is closed, so a slow client keeps a request thread for at most that
 * long.
 *
 * <p>Limitation: the JDK server reads request headers on the request threads, so as many
 * slow clients as there are threads stall the server for up to 10 seconds, and a client
 * that keeps opening such connections can stall it for longer. On a network with hostile
 * clients, put a reverse proxy that buffers requests in front. Closing the server does not
 * close the service.
 *
 * <pre>{@code
 * try (ScanService service = ScanService.builder(classifier).build();
 *         ScanServer server = ScanServer.builder(service).port(0).start()) {
 *     System.out.println("listening on " + server.scanUri());
 *     ...
 * }
 * }</pre>
 */
public final class ScanServer implements AutoCloseable {

    /** Default limit on the size of a request body: 64 KiB, far more than a scan request needs. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ScanServer.class);

    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    private ScanServer(HttpServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Returns a builder for a server in front of {@code service}.
     *
     * @throws NullPointerException if {@code service} is null
     */
    public static Builder builder(ScanService service) {
        return new Builder(service);
    }

    /** Returns the address the server is bound to, with the actual port when port 0 was requested. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Returns the URL of the scan endpoint, for example {@code http://127.0.0.1:8080/mmdt/scan}. */
    public URI scanUri() {
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + ScanHttpHandler.SCAN_PATH);
    }

    /**
     * Stops accepting connections, waits up to one second for requests in progress, and stops
     * the request threads. The scan service keeps running.
     */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("scan server request threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("scan server stopped");
    }

    /** Options of a {@link ScanServer}; every setter rejects values out of range. */
    public static final class Builder {

        private final ScanService service;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = 8080;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private int backlog = 1024;

        private Builder(ScanService service) {
            this.service = Objects.requireNonNull(service, "service");
        }

        /** Sets the address to listen on; default the loopback address (127.0.0.1). */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Sets the TCP port; 0 picks a free port, which {@link ScanServer#address()} then
         * returns. Default 8080.
         *
         * @throws IllegalArgumentException if {@code port} is not in 0..65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the largest accepted request body in bytes; default {@value #DEFAULT_MAX_BODY_BYTES}.
         *
         * @throws IllegalArgumentException if {@code bytes} is not in 1..16 MiB
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1 || bytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("max body bytes must be in 1..16777216, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Sets the number of request threads; default the number of available processors, at
         * least 2.
         *
         * @throws IllegalArgumentException if {@code threads} is not positive
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Binds the server and starts accepting requests.
         *
         * @throws java.net.BindException if the address is in use or cannot be bound
         * @throws IOException if the server cannot be created
         */
        public ScanServer start() throws IOException {
            configureJdkServerUnlessSet();
            InetSocketAddress address = new InetSocketAddress(bindAddress, port);
            HttpServer server = HttpServer.create(address, backlog);
            ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(threads * 64), new RequestThreadFactory(),
                    new ThreadPoolExecutor.CallerRunsPolicy());
            server.setExecutor(executor);
            server.createContext("/", new ScanHttpHandler(service, maxBodyBytes));
            server.start();

            ScanServer started = new ScanServer(server, executor);
            log.info("scan server listening on {} ({} request threads, body limit {} bytes)",
                    started.scanUri(), threads, maxBodyBytes);
            return started;
        }

        /**
         * Sets two properties of the JDK server unless the user set them.
         *
         * <p>{@code sun.net.httpserver.nodelay=true} sets TCP_NODELAY. The JDK server writes the
         * response headers and the body separately, and with Nagle's algorithm the body waits
         * for the client's ACK of the headers. In a loopback load test (mmdt-bench's
         * ScanLoadGenerator) that cut throughput to about a third.
         *
         * <p>{@code sun.net.httpserver.maxReqTime=10} closes a connection whose request takes
         * more than 10 seconds to arrive. The JDK default is no limit, so a few clients that
         * send their headers or body slowly would hold every request thread for good. A scan
         * request is under 64 KiB, which even a slow link sends well within 10 seconds.
         */
        private static void configureJdkServerUnlessSet() {
            // NOTE: the JDK reads these properties once, when the first HttpServer in the JVM
            // is created, so they have no effect if another HttpServer was created before.
            setUnlessSet("sun.net.httpserver.nodelay", "true");
            setUnlessSet("sun.net.httpserver.maxReqTime", "10");
        }

        private static void setUnlessSet(String property, String value) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, value);
            }
        }
    }

    private static final class RequestThreadFactory implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "mmdt-scan-http-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
