package io.mmdt.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmdt.knn.scan.ScanService;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many clients over real HTTP: no task lost or classified twice, a final reply for every sample. */
class ScanServerLoadTest {

    private static final int THREADS = 16;
    private static final int REQUESTS = 1000;
    private static final int SAMPLES = 250;

    @Test
    void thousandRequestsFromSixteenThreads() throws Exception {
        TestClassifier classifier = TestClassifier.unblocked();
        Map<Integer, JsonNode> answers = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        HttpClient client = HttpClient.newHttpClient();

        try (ScanService service = ScanService.builder(classifier).workers(2).queueCapacity(64).build();
                ScanServer server = ScanServer.builder(service).port(0).threads(4).start()) {
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(threads.submit(() -> {
                        // Request i goes to sample i mod SAMPLES, so each sample is requested
                        // four times by different threads.
                        for (int i = thread; i < REQUESTS; i += THREADS) {
                            int n = i % SAMPLES;
                            sent.incrementAndGet();
                            JsonNode reply = send(client, server, n);
                            int status = reply.get("status").asInt();
                            assertTrue(status == 20000 || status == 20001 || status == 50301, reply.toString());
                            if (status == 20000) {
                                answers.put(n, reply);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }

            // Every sample gets its result when its client sends the request again.
            for (int n = 0; n < SAMPLES; n++) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!answers.containsKey(n) && System.nanoTime() < deadline) {
                    JsonNode reply = send(client, server, n);
                    if (reply.get("status").asInt() == 20000) {
                        answers.put(n, reply);
                    } else {
                        Thread.sleep(5);
                    }
                }
            }
        }

        assertEquals(REQUESTS, sent.get());
        assertEquals(SAMPLES, answers.size());
        assertEquals(SAMPLES, classifier.totalCalls());
        for (int n = 0; n < SAMPLES; n++) {
            assertEquals(1, classifier.calls(Samples.hash(n)), "classifications of sample " + n);
            assertEquals(Samples.sha1(n), answers.get(n).get("sha1").asText());
            assertEquals("family-" + n, answers.get(n).get("data").get("label").asText());
        }
    }

    private static JsonNode send(HttpClient client, ScanServer server, int n) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.scanUri())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Samples.json(n)))
                .build();
        return ScanJson.parseTree(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
