package io.mmdt.cli.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mmdt.knn.scan.ScanReply;
import io.mmdt.knn.scan.ScanRequest;
import io.mmdt.knn.scan.ScanService;
import io.mmdt.knn.scan.ScanStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every request of the scan server: {@code POST /mmdt/scan}, {@code GET /mmdt/health},
 * and JSON error replies for everything else.
 */
final class ScanHttpHandler implements HttpHandler {

    static final String SCAN_PATH = "/mmdt/scan";
    static final String HEALTH_PATH = "/mmdt/health";

    private static final Logger log = LoggerFactory.getLogger(ScanHttpHandler.class);

    private static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    private final ScanService service;
    private final int maxBodyBytes;

    ScanHttpHandler(ScanService service, int maxBodyBytes) {
        this.service = service;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int httpStatus = 0;
        try {
            httpStatus = route(exchange);
        } catch (IOException e) {
            // The client disconnected or sent a broken body, so no reply can be sent.
            log.info("request {} {} from {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRemoteAddress(), e.toString());
        } catch (RuntimeException e) {
            log.warn("request {} {} from {} failed", exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRemoteAddress(), e);
            httpStatus = replyIfOpen(exchange, 500, ScanJson.writeError(ScanStatus.INTERNAL_ERROR,
                    "internal server error: " + e.getClass().getSimpleName() + "; the server log has the details"));
        } finally {
            exchange.close();
            if (log.isDebugEnabled()) {
                log.debug("{} {} from {} -> {} in {} us", exchange.getRequestMethod(), exchange.getRequestURI(),
                        exchange.getRemoteAddress(), httpStatus, (System.nanoTime() - start) / 1000);
            }
        }
    }

    private int route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (SCAN_PATH.equals(path)) {
            if (!"POST".equals(method)) {
                return methodNotAllowed(exchange, "POST");
            }
            return scan(exchange);
        }
        if (HEALTH_PATH.equals(path)) {
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                return methodNotAllowed(exchange, "GET, HEAD");
            }
            return health(exchange, "HEAD".equals(method));
        }
        return send(exchange, ScanStatus.NOT_FOUND,
                "no endpoint at " + abbreviate(path) + "; the scan endpoint is POST " + SCAN_PATH);
    }

    private int scan(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!isJsonUtf8(contentType)) {
            String found = contentType == null ? "no Content-Type" : "unsupported Content-Type \""
                    + abbreviate(contentType) + "\"";
            return send(exchange, ScanStatus.UNSUPPORTED_MEDIA_TYPE, found + "; send application/json in UTF-8");
        }

        String declaredLength = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declaredLength != null && isLongerThan(declaredLength, maxBodyBytes)) {
            return tooLarge(exchange);
        }
        // Read one byte more than the limit, so a chunked body that is too large is caught
        // without ever holding more than limit + 1 bytes. The stream stays open until the
        // reply is sent, because closing it reads the rest of the body.
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            return tooLarge(exchange);
        }

        ScanReply reply;
        try {
            ScanRequest request = ScanJson.parseRequest(body);
            reply = service.submit(request);
        } catch (ScanJson.RejectedRequestException e) {
            reply = e.reply();
        }
        if (reply.status() == ScanStatus.QUEUE_FULL || reply.status() == ScanStatus.SHUT_DOWN) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        return sendBytes(exchange, reply.status().httpStatus(), ScanJson.writeReply(reply));
    }

    private int health(HttpExchange exchange, boolean headOnly) throws IOException {
        String body = "{\"status\":\"ok\",\"queued_tasks\":" + service.queuedTasks() + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (headOnly) {
            exchange.getResponseHeaders().set("Content-Type", JSON_CONTENT_TYPE);
            exchange.sendResponseHeaders(200, -1);
            return 200;
        }
        return sendBytes(exchange, 200, bytes);
    }

    private int methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        return send(exchange, ScanStatus.METHOD_NOT_ALLOWED, "method " + abbreviate(exchange.getRequestMethod())
                + " is not allowed on " + exchange.getRequestURI().getRawPath() + "; use " + allowed);
    }

    private int tooLarge(HttpExchange exchange) throws IOException {
        // Limitation: after the reply, HttpExchange.close() still reads and discards up to 64 KiB
        // of the unread body (the JDK's sun.net.httpserver.drainAmount), so a client that sends
        // the body slowly blocks a request thread until it finishes or the connection closes.
        exchange.getResponseHeaders().set("Connection", "close");
        return send(exchange, ScanStatus.BODY_TOO_LARGE,
                "request body is larger than the limit of " + maxBodyBytes + " bytes");
    }

    private static int send(HttpExchange exchange, ScanStatus status, String message) throws IOException {
        return sendBytes(exchange, status.httpStatus(), ScanJson.writeError(status, message));
    }

    private static int sendBytes(HttpExchange exchange, int httpStatus, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", JSON_CONTENT_TYPE);
        exchange.sendResponseHeaders(httpStatus, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return httpStatus;
    }

    /** Sends a reply unless the response headers were already sent; returns the HTTP status sent. */
    private static int replyIfOpen(HttpExchange exchange, int httpStatus, byte[] body) {
        if (exchange.getResponseCode() != -1) {
            return exchange.getResponseCode();
        }
        try {
            return sendBytes(exchange, httpStatus, body);
        } catch (IOException e) {
            log.info("failed to send the error reply to {}: {}", exchange.getRemoteAddress(), e.toString());
            return httpStatus;
        }
    }

    /** Returns whether the header names JSON and, if it names a charset, UTF-8. */
    static boolean isJsonUtf8(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=")) {
                String charset = parameter.substring("charset=".length()).replace("\"", "");
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isLongerThan(String declaredLength, int limit) {
        try {
            return Long.parseLong(declaredLength.trim()) > limit;
        } catch (NumberFormatException e) {
            // Leave a malformed Content-Length to the bounded read, which enforces the limit anyway.
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
