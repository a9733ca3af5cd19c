package io.mmdt.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmdt.knn.scan.ScanService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScanServerTest {

    private static final int BODY_LIMIT = 4096;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScanService service;
    private ScanServer server;
    private TestClassifier classifier;

    private void start(TestClassifier testClassifier, int queueCapacity) throws IOException {
        classifier = testClassifier;
        service = ScanService.builder(classifier).workers(1).queueCapacity(queueCapacity).build();
        server = ScanServer.builder(service).port(0).maxBodyBytes(BODY_LIMIT).threads(4).start();
    }

    @AfterEach
    void stop() {
        if (classifier != null) {
            classifier.openGate();
        }
        if (server != null) {
            server.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void scanIsQueuedThenDone() throws Exception {
        start(TestClassifier.blocked(), 100);

        HttpResponse<String> first = post(Samples.json(1));
        JsonNode queued = ScanJson.parseTree(first.body());
        assertEquals(200, first.statusCode());
        assertEquals(20001, queued.get("status").asInt());
        assertEquals(Samples.sha1(1), queued.get("sha1").asText());
        assertEquals(Samples.md5(1), queued.get("md5").asText());
        assertEquals("sample-1.exe", queued.get("file_name").asText());
        assertTrue(queued.get("data").isObject());
        assertEquals(0, queued.get("data").size());
        assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

        classifier.openGate();
        JsonNode done = pollUntilDone(1);

        assertEquals("success", done.get("message").asText());
        assertEquals("family-1", done.get("data").get("label").asText());
        assertEquals("100.00%", done.get("data").get("labels").get(0).get("ratio").asText());
        assertEquals("sample-1", done.get("data").get("similars").get(0).get("hash").asText());
        assertEquals(1.0, done.get("data").get("similars").get(0).get("sim").asDouble());
    }

    @Test
    void replyFieldsAreInProtocolOrder() throws Exception {
        start(TestClassifier.unblocked(), 100);

        JsonNode reply = ScanJson.parseTree(post(Samples.json(2)).body());

        StringBuilder names = new StringBuilder();
        reply.fieldNames().forEachRemaining(name -> names.append(name).append(' '));
        assertEquals("sha1 md5 file_name message status data ", names.toString());
    }

    @Test
    void healthReturnsOk() throws Exception {
        start(TestClassifier.unblocked(), 100);

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri("/mmdt/health")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("ok", ScanJson.parseTree(response.body()).get("status").asText());
    }

    @Test
    void healthHeadHasNoBody() throws Exception {
        start(TestClassifier.unblocked(), 100);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/mmdt/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        start(TestClassifier.unblocked(), 100);

        for (String body : new String[] {"{", "not json", "", "[1,2]", "\"text\"", "{}{}",
                "{\"md5\":\"a\",\"md5\":\"b\"}", "{\"md5\":}"}) {
            HttpResponse<String> response = post(body);
            assertEquals(400, response.statusCode(), body);
            assertStatus(40001, response, body);
        }
    }

    @Test
    void rejectsInvalidUtf8() throws Exception {
        start(TestClassifier.unblocked(), 100);
        byte[] body = {'{', '"', 'm', 'd', '5', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.scanUri())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertStatus(40001, response, "invalid UTF-8");
    }

    @Test
    void rejectsMissingField() throws Exception {
        start(TestClassifier.unblocked(), 100);

        HttpResponse<String> response = post(Samples.json(1).replace("\"mmdt\":", "\"other\":"));

        assertEquals(400, response.statusCode());
        assertStatus(40002, response, "missing mmdt");
        assertTrue(ScanJson.parseTree(response.body()).get("message").asText().contains("mmdt"));
    }

    @Test
    void nullFieldCountsAsMissing() throws Exception {
        start(TestClassifier.unblocked(), 100);

        HttpResponse<String> response = post(Samples.json(1).replace("\"sample-1.exe\"", "null"));

        assertStatus(40002, response, "null file_name");
    }

    @Test
    void rejectsWrongFieldType() throws Exception {
        start(TestClassifier.unblocked(), 100);

        HttpResponse<String> number = post(Samples.json(1).replace("\"" + Samples.md5(1) + "\"", "12"));
        HttpResponse<String> list = post(Samples.json(1).replace("\"data\":{}", "\"data\":[]"));

        assertEquals(400, number.statusCode());
        assertStatus(40003, number, "md5 as number");
        assertStatus(40003, list, "data as list");
        assertEquals(Samples.sha1(1), ScanJson.parseTree(list.body()).get("sha1").asText());
    }

    @Test
    void rejectsInvalidDigestsAndHash() throws Exception {
        start(TestClassifier.unblocked(), 100);

        HttpResponse<String> md5 = post(Samples.json(1).replace(Samples.md5(1), "abc"));
        HttpResponse<String> sha1 = post(Samples.json(1).replace(Samples.sha1(1), "xyz"));
        HttpResponse<String> mmdt = post(Samples.json(1).replace(Samples.hash(1).toString(), "00:11"));

        assertStatus(40004, md5, "md5");
        assertStatus(40005, sha1, "sha1");
        assertStatus(40006, mmdt, "mmdt");
        assertEquals(400, mmdt.statusCode());
    }

    @Test
    void rejectsWrongMethodWithAllow() throws Exception {
        start(TestClassifier.unblocked(), 100);

        HttpResponse<String> get = client.send(HttpRequest.newBuilder(server.scanUri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> delete = client.send(HttpRequest.newBuilder(uri("/mmdt/health")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertStatus(40501, get, "GET scan");
        assertEquals(405, delete.statusCode());
        assertEquals("GET, HEAD", delete.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void rejectsUnknownPath() throws Exception {
        start(TestClassifier.unblocked(), 100);

        for (String path : new String[] {"/", "/mmdt/scanner", "/mmdt/scan/", "/other"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Samples.json(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode(), path);
            assertStatus(40401, response, path);
        }
    }

    @Test
    void rejectsWrongContentType() throws Exception {
        start(TestClassifier.unblocked(), 100);

        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded",
                "application/json; charset=iso-8859-1"}) {
            HttpResponse<String> response = post(Samples.json(1), type);
            assertEquals(415, response.statusCode(), type);
            assertStatus(41501, response, type);
        }
        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(server.scanUri())
                .POST(HttpRequest.BodyPublishers.ofString(Samples.json(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, missing.statusCode());
        assertTrue(missing.body().contains("no Content-Type; send application/json in UTF-8"), missing.body());
        assertEquals(200, post(Samples.json(1), "Application/JSON; Charset=\"UTF-8\"").statusCode());
    }

    @Test
    void rejectsBodyOverLimit() throws Exception {
        start(TestClassifier.unblocked(), 100);
        String padded = Samples.json(1).replace("\"data\":{}", "\"data\":{\"pad\":\"" + "x".repeat(BODY_LIMIT) + "\"}");

        HttpResponse<String> response = post(padded);

        assertEquals(413, response.statusCode());
        assertStatus(41301, response, "fixed length");
    }

    @Test
    void rejectsChunkedBodyOverLimit() throws Exception {
        start(TestClassifier.unblocked(), 100);
        byte[] chunk = new byte[1024];

        // A chunked body that never ends: the server must reply after limit + 1 bytes.
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mmdt/scan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 2 * BODY_LIMIT / chunk.length; i++) {
                out.write(("400\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();

            String statusLine = readLine(socket.getInputStream());
            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine);
        }
    }

    @Test
    void rejectsDeclaredLengthOverLimitUnread() throws Exception {
        start(TestClassifier.unblocked(), 100);

        // Only the headers are sent: the server must reply from Content-Length alone.
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mmdt/scan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertEquals("HTTP/1.1 413 Request Entity Too Large", readLine(socket.getInputStream()));
        }
    }

    @Test
    void fullQueueReturns503WithRetryAfter() throws Exception {
        start(TestClassifier.blocked(), 1);
        post(Samples.json(1));
        // Wait until the worker has taken sample 1, so that the queue is empty again.
        while (service.queuedTasks() > 0) {
            Thread.sleep(5);
        }
        post(Samples.json(2));

        HttpResponse<String> response = post(Samples.json(3));

        assertEquals(503, response.statusCode());
        assertStatus(50301, response, "queue full");
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void closedServiceReturns503() throws Exception {
        start(TestClassifier.unblocked(), 100);
        service.close();

        HttpResponse<String> response = post(Samples.json(1));

        assertEquals(503, response.statusCode());
        assertStatus(50302, response, "shut down");
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post(body, "application/json");
    }

    private HttpResponse<String> post(String body, String contentType) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.scanUri())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode pollUntilDone(int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode reply = ScanJson.parseTree(post(Samples.json(n)).body());
            if (reply.get("status").asInt() == 20000) {
                return reply;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("sample " + n + " was not done within 10 s");
    }

    private URI uri(String path) {
        return server.scanUri().resolve(path);
    }

    private static void assertStatus(int expected, HttpResponse<String> response, String context) throws IOException {
        JsonNode reply = ScanJson.parseTree(response.body());
        assertEquals(expected, reply.get("status").asInt(), context + ": " + response.body());
        assertTrue(reply.get("message").asText().length() > 0, context);
        assertTrue(reply.get("data").isObject(), context);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
