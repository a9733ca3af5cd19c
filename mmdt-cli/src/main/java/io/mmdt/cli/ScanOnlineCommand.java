package io.mmdt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmdt.cli.server.ScanJson;
import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import io.mmdt.knn.scan.ScanRequest;
import io.mmdt.knn.scan.ScanStatus;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mmdt scan-online FILE}: hashes a file locally and requests its classification from a
 * scan server. Only the MD5, SHA-1, file name and mmdt hash are sent, never the file's content.
 * Prints the server's reply as indented JSON.
 *
 * <p>Exit codes: 0 when the reply has status 20000 (done) or, without {@code --wait}, 20001
 * (queued); 1 when the file cannot be read, the server cannot be reached, the reply is an
 * error, or {@code --wait} timed out; 2 for a usage error.
 */
@Command(
        name = "scan-online",
        mixinStandardHelpOptions = true,
        description = "Hashes FILE locally, sends its MD5, SHA-1, name and mmdt hash to a scan server, "
                + "and prints the reply as indented JSON. The file's content is never sent.")
final class ScanOnlineCommand implements Callable<Integer> {

    /** Default scan endpoint: a server started by {@code mmdt serve} on this machine. */
    static final String DEFAULT_URL = "http://127.0.0.1:8080/mmdt/scan";

    private static final Duration FIRST_POLL_DELAY = Duration.ofMillis(200);
    private static final Duration MAX_POLL_DELAY = Duration.ofSeconds(5);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to classify.")
    private Path file;

    @Option(names = "--url", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "Scan endpoint to send the request to (default: ${DEFAULT-VALUE}).")
    private URI url;

    @Option(names = "--wait",
            description = "Send the request again, with growing pauses, until the result is done or --timeout passes.")
    private boolean waitForResult;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time limit in seconds for one HTTP request and, with --wait, for the whole wait "
                    + "(default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Override
    public Integer call() {
        validateOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        ScanRequest request;
        try {
            request = hashFile(file);
        } catch (NoSuchFileException e) {
            err.println("mmdt scan-online: file not found: " + file);
            return MmdtCommand.EXIT_INPUT_FAILED;
        } catch (IOException e) {
            err.println("mmdt scan-online: failed to read " + file + ": " + e.getMessage());
            return MmdtCommand.EXIT_INPUT_FAILED;
        }

        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration delay = FIRST_POLL_DELAY;
        while (true) {
            JsonNode reply;
            try {
                reply = send(client, request, timeout);
            } catch (ConnectException e) {
                err.println("mmdt scan-online: failed to connect to " + url + "; is a server running there (mmdt serve)?");
                return MmdtCommand.EXIT_INPUT_FAILED;
            } catch (HttpTimeoutException e) {
                err.println("mmdt scan-online: request to " + url + " timed out after " + timeoutSeconds + " s");
                return MmdtCommand.EXIT_INPUT_FAILED;
            } catch (IOException e) {
                err.println("mmdt scan-online: request to " + url + " failed: " + e.getMessage());
                return MmdtCommand.EXIT_INPUT_FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("mmdt scan-online: interrupted");
                return MmdtCommand.EXIT_INPUT_FAILED;
            }

            int status = reply.path("status").asInt(-1);
            boolean retry = waitForResult
                    && (status == ScanStatus.QUEUED.code() || status == ScanStatus.QUEUE_FULL.code());
            long remaining = deadline - System.nanoTime();
            if (!retry || remaining <= 0) {
                out.println(ScanJson.indent(reply));
                if (retry) {
                    err.println("mmdt scan-online: timed out after " + timeoutSeconds
                            + " s waiting for the result; run the command again later");
                    return MmdtCommand.EXIT_INPUT_FAILED;
                }
                return status == ScanStatus.DONE.code() || status == ScanStatus.QUEUED.code()
                        ? 0 : MmdtCommand.EXIT_INPUT_FAILED;
            }

            try {
                Thread.sleep(Math.min(delay.toMillis(), remaining / 1_000_000 + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("mmdt scan-online: interrupted while waiting for the result");
                return MmdtCommand.EXIT_INPUT_FAILED;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_POLL_DELAY) > 0 ? MAX_POLL_DELAY : delay.multipliedBy(2);
        }
    }

    private void validateOptions() {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "invalid --url '" + url + "': expected an http:// or https:// URL");
        }
        if (timeoutSeconds > 86_400) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "invalid --timeout " + timeoutSeconds + ": expected at most 86400 seconds (one day)");
        }
        if (timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "invalid --timeout " + timeoutSeconds + ": expected at least 1 second");
        }
    }

    private JsonNode send(HttpClient client, ScanRequest request, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest httpRequest = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ScanJson.writeRequest(request)))
                .build();
        HttpResponse<String> response = client.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        try {
            JsonNode reply = ScanJson.parseTree(response.body());
            if (reply != null && reply.isObject()) {
                return reply;
            }
        } catch (IOException e) {
            // Fall through to the error below, which names the server and the HTTP status.
        }
        throw new IOException("the server did not reply with a JSON object (HTTP " + response.statusCode() + ")");
    }

    /**
     * Computes the MD5, SHA-1 and mmdt hash of a file in one read pass.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if the file is not a regular file, changed length while it was
     *     read, or reading failed
     */
    static ScanRequest hashFile(Path file) throws IOException {
        if (Files.notExists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a regular file: " + file);
        }
        MessageDigest md5 = newDigest("MD5");
        MessageDigest sha1 = newDigest("SHA-1");
        long size = Files.size(file);
        MmdtHash mmdt;
        try (InputStream in = new DigestInputStream(new DigestInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), md5), sha1)) {
            mmdt = new MmdtHasher().hash(in, size);
            if (in.read() >= 0) {
                throw new IOException("file grew while it was read: " + file);
            }
        }
        HexFormat hex = HexFormat.of();
        return new ScanRequest(hex.formatHex(md5.digest()), hex.formatHex(sha1.digest()),
                file.getFileName().toString(), mmdt.toString());
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }
}
