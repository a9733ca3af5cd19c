package io.mmdt.knn.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScanServiceConcurrencyTest {

    private static final int THREADS = 16;
    private static final int SAMPLES = 500;

    @Test
    void manyThreadsClassifyEachSampleOnce() throws Exception {
        BruteForceClassifier classifier = new BruteForceClassifier(List.of(
                new BruteForceClassifier.Entry("s", "label", Samples.hash(0))));
        Map<Integer, ScanReply> answers = new ConcurrentHashMap<>();

        // A small queue makes threads meet QUEUE_FULL and retry, as clients do.
        try (ScanService service = ScanService.builder(classifier).workers(2).queueCapacity(16).build()) {
            ExecutorService clients = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int offset = t;
                    futures.add(clients.submit(() -> {
                        // Every thread requests every sample, each starting at a different one.
                        for (int i = 0; i < SAMPLES; i++) {
                            int n = (i + offset * 31) % SAMPLES;
                            answers.put(n, pollUntilDone(service, n));
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
        }

        assertEquals(SAMPLES, answers.size());
        assertEquals(SAMPLES, classifier.distinctQueries());
        assertEquals(SAMPLES, classifier.totalCalls());
        for (int n = 0; n < SAMPLES; n++) {
            assertEquals(Samples.sha1(n), answers.get(n).sha1());
            assertEquals(1, classifier.calls(Samples.hash(n)), "calls for sample " + n);
        }
    }

    @Test
    void concurrentSubmitsOfOneSampleQueueOneTask() throws Exception {
        GatedClassifier gate = new GatedClassifier("x");
        try (ScanService service = ScanService.builder(gate).workers(1).build()) {
            service.submit(Samples.request(0));
            gate.awaitStarted(1);

            ExecutorService clients = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<ScanReply>> replies = new ArrayList<>();
                for (int t = 0; t < THREADS * 10; t++) {
                    replies.add(clients.submit(() -> service.submit(Samples.request(1))));
                }
                for (Future<ScanReply> reply : replies) {
                    ScanReply queued = reply.get(10, TimeUnit.SECONDS);
                    assertEquals(ScanStatus.QUEUED, queued.status());
                    assertEquals(0, queued.tasksAhead().getAsInt());
                }
            } finally {
                clients.shutdownNow();
            }

            assertEquals(1, service.queuedTasks());
            gate.open();
        }
    }

    private static ScanReply pollUntilDone(ScanService service, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            ScanReply reply = service.submit(Samples.request(n));
            if (reply.status() == ScanStatus.DONE) {
                return reply;
            }
            assertTrue(reply.status() == ScanStatus.QUEUED || reply.status() == ScanStatus.QUEUE_FULL,
                    reply.toString());
            Thread.sleep(1);
        }
        throw new AssertionError("sample " + n + " was not answered within 30 s");
    }
}
