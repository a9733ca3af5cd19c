package io.mmdt.cli;

import io.mmdt.cli.server.ScanServer;
import io.mmdt.knn.classify.Classifier;
import io.mmdt.knn.classify.KnnClassifier;
import io.mmdt.knn.scan.ScanService;
import io.mmdt.knn.store.HashStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mmdt serve --store STORE}: loads a labelled store and serves the scan protocol over
 * HTTP until the process is stopped (Ctrl-C or SIGTERM), then stops the server and the
 * service. Prints the scan endpoint's URL once the server listens.
 *
 * <p>Exit codes: 1 when the address cannot be bound, 2 for a usage error or an unreadable
 * store. A stop by signal still closes the server and the service, and the JVM then exits
 * with 128 plus the signal number (130 for Ctrl-C, 143 for SIGTERM).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serves POST /mmdt/scan and GET /mmdt/health over HTTP, classifying client-computed "
                + "mmdt hashes against STORE with the KNN classifier, until stopped with Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "STORE",
            description = "Labelled store to classify against (native, text or python_mmdt feature file).")
    private Path storeFile;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String bindAddress;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "TCP port; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--workers", paramLabel = "N",
            description = "Threads that classify queued samples (default: the number of processors).")
    private Integer workers;

    @Option(names = {"-t", "--threshold"}, paramLabel = "SIMILARITY", defaultValue = "0.95",
            description = "Neighbours must be strictly more similar than this, in [0, 1] (default: ${DEFAULT-VALUE}).")
    private double threshold;

    @Option(names = "-k", paramLabel = "K", defaultValue = "10",
            description = "Maximum number of neighbours per result (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = "--queue-capacity", paramLabel = "TASKS", defaultValue = "10000",
            description = "Maximum number of samples waiting for classification (default: ${DEFAULT-VALUE}).")
    private int queueCapacity;

    @Option(names = "--cache-size", paramLabel = "RESULTS", defaultValue = "100000",
            description = "Maximum number of cached results (default: ${DEFAULT-VALUE}).")
    private long cacheSize;

    @Option(names = "--cache-expiry", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Seconds a result stays cached (default: ${DEFAULT-VALUE}).")
    private long cacheExpirySeconds;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "65536",
            description = "Largest accepted request body in bytes (default: ${DEFAULT-VALUE}).")
    private int maxBodyBytes;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        validateOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        InetAddress address;
        try {
            address = InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "invalid --bind '" + bindAddress + "': unknown host");
        }

        HashStore store = StoreLoader.load(spec, storeFile);
        Classifier classifier = KnnClassifier.builder(store).k(k).threshold(threshold).build();

        ScanService.Builder serviceOptions = ScanService.builder(classifier)
                .queueCapacity(queueCapacity)
                .cacheMaxEntries(cacheSize)
                .cacheExpiry(Duration.ofSeconds(cacheExpirySeconds));
        if (workers != null) {
            serviceOptions.workers(workers);
        }
        try (ScanService service = serviceOptions.build()) {
            ScanServer server;
            try {
                server = ScanServer.builder(service).bindAddress(address).port(port).maxBodyBytes(maxBodyBytes).start();
            } catch (BindException e) {
                err.println("mmdt serve: failed to listen on " + bindAddress + ":" + port + ": " + e.getMessage());
                return MmdtCommand.EXIT_INPUT_FAILED;
            } catch (IOException e) {
                err.println("mmdt serve: failed to start the server on " + bindAddress + ":" + port + ": "
                        + e.getMessage());
                return MmdtCommand.EXIT_INPUT_FAILED;
            }

            Thread hook = new Thread(this::stopAndWait, "mmdt-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try (server) {
                out.println("mmdt serve: listening on " + server.scanUri() + " with "
                        + Counts.of(store.size(), "entry", "entries") + " from " + storeFile
                        + "; press Ctrl-C to stop");
                out.flush();
                stopRequested.await();
            } finally {
                removeHook(hook);
            }
        } finally {
            stopped.countDown();
        }
        return 0;
    }

    /** Makes a running {@link #call()} stop the server and the service and return. */
    void requestStop() {
        stopRequested.countDown();
    }

    /** Runs in the shutdown hook: the JVM halts when the hook returns, so wait for the cleanup. */
    private void stopAndWait() {
        requestStop();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, which is why the server stopped: nothing to remove.
        }
    }

    private void validateOptions() {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw usage("invalid --threshold " + threshold + ": expected a similarity in [0, 1]");
        }
        if (k < 1) {
            throw usage("invalid -k " + k + ": expected at least 1");
        }
        if (port < 0 || port > 65_535) {
            throw usage("invalid --port " + port + ": expected 0..65535");
        }
        if (workers != null && workers < 1) {
            throw usage("invalid --workers " + workers + ": expected at least 1");
        }
        if (queueCapacity < 1) {
            throw usage("invalid --queue-capacity " + queueCapacity + ": expected at least 1");
        }
        if (cacheSize < 1) {
            // Clients poll until the result is cached, so without a cache they never get one.
            throw usage("invalid --cache-size " + cacheSize
                    + ": expected at least 1, because clients read results from the cache");
        }
        if (cacheExpirySeconds < 1) {
            throw usage("invalid --cache-expiry " + cacheExpirySeconds + ": expected at least 1 second");
        }
        if (maxBodyBytes < 1 || maxBodyBytes > 16 * 1024 * 1024) {
            throw usage("invalid --max-body " + maxBodyBytes + ": expected 1..16777216 bytes");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
