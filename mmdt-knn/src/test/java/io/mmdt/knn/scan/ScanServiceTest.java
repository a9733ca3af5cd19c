package io.mmdt.knn.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import io.mmdt.knn.classify.Classifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScanServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void submitQueuesThenReturnsResult() throws Exception {
        BruteForceClassifier classifier = new BruteForceClassifier(List.of(
                new BruteForceClassifier.Entry("aa", "virlock", Samples.hash(1))));
        try (ScanService service = ScanService.builder(classifier).workers(1).build()) {
            ScanRequest request = Samples.request(1);

            ScanReply first = service.submit(request);
            assertEquals(ScanStatus.QUEUED, first.status());
            assertTrue(first.data().isEmpty());

            ScanReply done = service.scan(request, WAIT);
            assertEquals(ScanStatus.DONE, done.status());
            assertEquals("success", done.message());
            assertEquals("virlock", done.classification().orElseThrow().label());

            ScanReply cached = service.submit(request);
            assertEquals(ScanStatus.DONE, cached.status());
            assertEquals(1, classifier.calls(Samples.hash(1)));
        }
    }

    @Test
    void replyEchoesRequestFields() throws Exception {
        try (ScanService service = ScanService.builder(new BruteForceClassifier(List.of())).build()) {
            ScanRequest request = Samples.request(7);
            ScanReply reply = service.scan(request, WAIT);

            assertEquals(request.sha1(), reply.sha1());
            assertEquals(request.md5(), reply.md5());
            assertEquals(request.fileName(), reply.fileName());
        }
    }

    @Test
    void queuedReplyCountsTasksAhead() throws Exception {
        GatedClassifier gate = new GatedClassifier("x");
        try (ScanService service = ScanService.builder(gate).workers(1).build()) {
            assertEquals(ScanStatus.QUEUED, service.submit(Samples.request(0)).status());
            gate.awaitStarted(1);

            ScanReply second = service.submit(Samples.request(1));
            ScanReply third = service.submit(Samples.request(2));
            ScanReply running = service.submit(Samples.request(0));

            assertEquals(0, second.tasksAhead().getAsInt());
            assertEquals(1, third.tasksAhead().getAsInt());
            assertEquals(0, running.tasksAhead().getAsInt());
            assertTrue(third.message().contains("1 task ahead"), third.message());
            assertTrue(running.message().contains("being classified"), running.message());
            gate.open();
        }
    }

    @Test
    void waitingSampleIsQueuedOnce() throws Exception {
        GatedClassifier gate = new GatedClassifier("x");
        try (ScanService service = ScanService.builder(gate).workers(1).build()) {
            service.submit(Samples.request(0));
            gate.awaitStarted(1);
            service.submit(Samples.request(1));
            service.submit(Samples.request(2));

            ScanReply again = service.submit(Samples.request(2));
            ScanRequest upperCaseSha1 = new ScanRequest(Samples.md5(2), Samples.sha1(2).toUpperCase(),
                    "other-name", Samples.hash(2).toString().toLowerCase());
            ScanReply sameSample = service.submit(upperCaseSha1);

            assertEquals(ScanStatus.QUEUED, again.status());
            assertEquals(1, again.tasksAhead().getAsInt());
            assertEquals(1, sameSample.tasksAhead().getAsInt());
            assertEquals("other-name", sameSample.fileName());
            assertEquals(2, service.queuedTasks());
            gate.open();
        }
    }

    @Test
    void sameSha1WithOtherHashIsSeparateTask() throws Exception {
        GatedClassifier gate = new GatedClassifier("x");
        try (ScanService service = ScanService.builder(gate).workers(1).build()) {
            service.submit(Samples.request(0));
            gate.awaitStarted(1);
            service.submit(Samples.request(1));
            ScanRequest otherHash = new ScanRequest(Samples.md5(1), Samples.sha1(1), "a", Samples.hash(99).toString());

            ScanReply reply = service.submit(otherHash);

            assertEquals(1, reply.tasksAhead().getAsInt());
            assertEquals(2, service.queuedTasks());
            gate.open();
        }
    }

    @Test
    void fullQueueRejectsNewSamples() throws Exception {
        GatedClassifier gate = new GatedClassifier("x");
        try (ScanService service = ScanService.builder(gate).workers(1).queueCapacity(2).build()) {
            service.submit(Samples.request(0));
            gate.awaitStarted(1);
            service.submit(Samples.request(1));
            service.submit(Samples.request(2));

            ScanReply full = service.submit(Samples.request(3));
            ScanReply alreadyQueued = service.submit(Samples.request(2));

            assertEquals(ScanStatus.QUEUE_FULL, full.status());
            assertEquals(503, full.status().httpStatus());
            assertTrue(full.message().contains("queue is full"), full.message());
            assertEquals(ScanStatus.QUEUED, alreadyQueued.status());
            assertEquals(2, service.queuedTasks());

            gate.open();
            assertEquals(ScanStatus.DONE, service.scan(Samples.request(2), WAIT).status());
            assertEquals(ScanStatus.DONE, service.scan(Samples.request(3), WAIT).status());
        }
    }

    @Test
    void fullQueueStillReturnsCachedResults() throws Exception {
        GatedClassifier gate = new GatedClassifier("x");
        BruteForceClassifier fast = new BruteForceClassifier(List.of());
        Classifier classifier = query -> query.equals(Samples.hash(5)) ? fast.classify(query) : gate.classify(query);
        try (ScanService service = ScanService.builder(classifier).workers(1).queueCapacity(1).build()) {
            assertEquals(ScanStatus.DONE, service.scan(Samples.request(5), WAIT).status());
            service.submit(Samples.request(0));
            gate.awaitStarted(1);
            service.submit(Samples.request(1));
            assertEquals(ScanStatus.QUEUE_FULL, service.submit(Samples.request(2)).status());

            ScanReply cached = service.submit(Samples.request(5));

            assertEquals(ScanStatus.DONE, cached.status());
            gate.open();
        }
    }

    @Test
    void replaceClassifierReclassifiesQueuedAndRunning() throws Exception {
        GatedClassifier old = new GatedClassifier("old");
        BruteForceClassifier replacement = new BruteForceClassifier(List.of(
                new BruteForceClassifier.Entry("s0", "new", Samples.hash(0)),
                new BruteForceClassifier.Entry("s1", "new", Samples.hash(1))));
        try (ScanService service = ScanService.builder(old).workers(1).build()) {
            CompletableFuture<ScanReply> running = service.scanAsync(Samples.request(0));
            old.awaitStarted(1);
            CompletableFuture<ScanReply> queued = service.scanAsync(Samples.request(1));

            service.replaceClassifier(replacement);
            old.open();

            assertEquals("new", running.get(10, TimeUnit.SECONDS).classification().orElseThrow().label());
            assertEquals("new", queued.get(10, TimeUnit.SECONDS).classification().orElseThrow().label());
            assertEquals("new", service.submit(Samples.request(0)).classification().orElseThrow().label());
        }
    }

    @Test
    void replaceClassifierDropsCachedResults() throws Exception {
        BruteForceClassifier first = new BruteForceClassifier(List.of(
                new BruteForceClassifier.Entry("s", "first", Samples.hash(3))));
        BruteForceClassifier second = new BruteForceClassifier(List.of(
                new BruteForceClassifier.Entry("s", "second", Samples.hash(3))));
        try (ScanService service = ScanService.builder(first).workers(1).build()) {
            assertEquals("first", service.scan(Samples.request(3), WAIT).classification().orElseThrow().label());

            service.replaceClassifier(second);

            assertEquals(ScanStatus.QUEUED, service.submit(Samples.request(3)).status());
            assertEquals("second", service.scan(Samples.request(3), WAIT).classification().orElseThrow().label());
        }
    }

    @Test
    void cachedResultExpires() throws Exception {
        AtomicLong nanos = new AtomicLong();
        Ticker ticker = new Ticker() {
            @Override
            public long read() {
                return nanos.get();
            }
        };
        BruteForceClassifier classifier = new BruteForceClassifier(List.of());
        try (ScanService service = ScanService.builder(classifier)
                .workers(1)
                .cacheExpiry(Duration.ofMinutes(10))
                .ticker(ticker)
                .build()) {
            service.scan(Samples.request(4), WAIT);
            nanos.addAndGet(Duration.ofMinutes(9).toNanos());
            assertEquals(ScanStatus.DONE, service.submit(Samples.request(4)).status());

            nanos.addAndGet(Duration.ofMinutes(2).toNanos());

            assertEquals(ScanStatus.QUEUED, service.submit(Samples.request(4)).status());
            assertEquals(ScanStatus.DONE, service.scan(Samples.request(4), WAIT).status());
            assertEquals(2, classifier.calls(Samples.hash(4)));
        }
    }

    @Test
    void cacheKeepsAtMostMaxEntries() throws Exception {
        BruteForceClassifier classifier = new BruteForceClassifier(List.of());
        try (ScanService service = ScanService.builder(classifier).workers(1).cacheMaxEntries(0).build()) {
            service.scan(Samples.request(8), WAIT);

            assertEquals(ScanStatus.QUEUED, service.submit(Samples.request(8)).status());
        }
    }

    @Test
    void scanReturnsQueuedAfterTimeout() throws Exception {
        GatedClassifier gate = new GatedClassifier("x");
        try (ScanService service = ScanService.builder(gate).workers(1).build()) {
            ScanReply reply = service.scan(Samples.request(0), Duration.ofMillis(50));

            assertEquals(ScanStatus.QUEUED, reply.status());
            gate.open();
        }
    }

    @Test
    void rejectsMissingFields() {
        try (ScanService service = ScanService.builder(new BruteForceClassifier(List.of())).build()) {
            ScanReply one = service.submit(new ScanRequest(Samples.md5(1), Samples.sha1(1), null, Samples.hash(1).toString()));
            ScanReply all = service.submit(new ScanRequest(null, null, null, null));

            assertEquals(ScanStatus.MISSING_FIELD, one.status());
            assertEquals(40002, one.status().code());
            assertTrue(one.message().startsWith("missing field: file_name"), one.message());
            assertEquals(ScanStatus.MISSING_FIELD, all.status());
            assertTrue(all.message().startsWith("missing fields: md5, sha1, file_name, mmdt"), all.message());
            assertTrue(all.data().isEmpty());
        }
    }

    @Test
    void rejectsInvalidMd5() {
        try (ScanService service = ScanService.builder(new BruteForceClassifier(List.of())).build()) {
            for (String md5 : List.of("", "0".repeat(31), "0".repeat(33), "g".repeat(32), "\u0660".repeat(32))) {
                ScanReply reply = service.submit(new ScanRequest(md5, Samples.sha1(1), "f", Samples.hash(1).toString()));
                assertEquals(ScanStatus.INVALID_MD5, reply.status(), md5);
                assertEquals(md5, reply.md5());
                assertTrue(reply.message().contains("32 hex digits"), reply.message());
            }
        }
    }

    @Test
    void rejectsInvalidSha1() {
        try (ScanService service = ScanService.builder(new BruteForceClassifier(List.of())).build()) {
            for (String sha1 : List.of("", "0".repeat(39), "0".repeat(41), "z".repeat(40), " " + "0".repeat(39))) {
                ScanReply reply = service.submit(new ScanRequest(Samples.md5(1), sha1, "f", Samples.hash(1).toString()));
                assertEquals(ScanStatus.INVALID_SHA1, reply.status(), sha1);
                assertTrue(reply.message().contains("40 hex digits"), reply.message());
            }
        }
    }

    @Test
    void rejectsInvalidMmdt() {
        String valid = Samples.hash(1).toString();
        try (ScanService service = ScanService.builder(new BruteForceClassifier(List.of())).build()) {
            for (String mmdt : List.of("", valid.replace(':', '-'), valid + "0", "G" + valid.substring(1), " " + valid)) {
                ScanReply reply = service.submit(new ScanRequest(Samples.md5(1), Samples.sha1(1), "f", mmdt));
                assertEquals(ScanStatus.INVALID_MMDT, reply.status(), mmdt);
                assertTrue(reply.message().startsWith("invalid mmdt hash"), reply.message());
            }
        }
    }

    @Test
    void quotesLongInvalidValuesShortened() {
        try (ScanService service = ScanService.builder(new BruteForceClassifier(List.of())).build()) {
            ScanReply reply = service.submit(new ScanRequest("x".repeat(100_000), Samples.sha1(1), "f", Samples.hash(1).toString()));

            assertEquals(ScanStatus.INVALID_MD5, reply.status());
            assertTrue(reply.message().length() < 200, reply.message());
        }
    }

    @Test
    void failingClassifierGetsErrorStatus() throws Exception {
        Classifier broken = query -> {
            throw new IllegalStateException("store unreadable");
        };
        try (ScanService service = ScanService.builder(broken).workers(1).build()) {
            ScanReply reply = service.scan(Samples.request(1), WAIT);

            assertEquals(ScanStatus.CLASSIFICATION_FAILED, reply.status());
            assertEquals(500, reply.status().httpStatus());
            assertTrue(reply.message().contains("store unreadable"), reply.message());
            assertEquals(ScanStatus.QUEUED, service.submit(Samples.request(1)).status());
        }
    }

    @Test
    void workerStoppedByErrorIsReplaced() throws Exception {
        AtomicLong calls = new AtomicLong();
        Classifier failsOnce = query -> {
            if (calls.getAndIncrement() == 0) {
                throw new StackOverflowError("simulated");
            }
            return new BruteForceClassifier(List.of()).classify(query);
        };
        try (ScanService service = ScanService.builder(failsOnce).workers(1).build()) {
            ScanReply failed = service.scan(Samples.request(1), WAIT);
            ScanReply next = service.scan(Samples.request(2), WAIT);

            assertEquals(ScanStatus.CLASSIFICATION_FAILED, failed.status());
            assertEquals(ScanStatus.DONE, next.status());
        }
    }

    @Test
    void closeDiscardsQueuedTasksWithShutDown() throws Exception {
        GatedClassifier gate = new GatedClassifier("x");
        ScanService service = ScanService.builder(gate).workers(1).build();
        CompletableFuture<ScanReply> running = service.scanAsync(Samples.request(0));
        gate.awaitStarted(1);
        CompletableFuture<ScanReply> queued = service.scanAsync(Samples.request(1));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(service::close);
        assertEquals(ScanStatus.SHUT_DOWN, queued.get(10, TimeUnit.SECONDS).status());
        gate.open();
        closing.get(10, TimeUnit.SECONDS);

        assertEquals(ScanStatus.DONE, running.get(10, TimeUnit.SECONDS).status());
        assertEquals(ScanStatus.SHUT_DOWN, service.submit(Samples.request(2)).status());
        assertEquals(ScanStatus.DONE, service.submit(Samples.request(0)).status());
    }

    @Test
    void builderRejectsOutOfRangeValues() {
        ScanService.Builder builder = ScanService.builder(new BruteForceClassifier(List.of()));

        assertThrows(IllegalArgumentException.class, () -> builder.workers(0));
        assertThrows(IllegalArgumentException.class, () -> builder.queueCapacity(0));
        assertThrows(IllegalArgumentException.class, () -> builder.cacheMaxEntries(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.cacheExpiry(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> ScanService.builder(null));
    }

    @Test
    void statusCodesAreUniqueAndRoundTrip() {
        for (ScanStatus status : ScanStatus.values()) {
            assertEquals(status, ScanStatus.fromCode(status.code()).orElseThrow());
            assertEquals(status.httpStatus(), status.code() / 100);
        }
        assertFalse(ScanStatus.fromCode(12345).isPresent());
        assertFalse(ScanStatus.DONE.isError());
        assertFalse(ScanStatus.QUEUED.isError());
        assertTrue(ScanStatus.QUEUE_FULL.isError());
    }
}
