package io.mmdt.knn.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.LabelShare;
import io.mmdt.knn.classify.Neighbour;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScanReplyTest {

    @Test
    void dataHasPythonMmdtLayout() {
        Neighbour first = new Neighbour("a5ad7440", "APT28", Samples.hash(1), 1.0);
        Neighbour second = new Neighbour("9001f4cf", "virlock", Samples.hash(2), 0.96);
        Classification result = new Classification("APT28", Optional.of(first),
                List.of(new LabelShare("APT28", 1, 0.5), new LabelShare("virlock", 1, 0.5)),
                List.of(first, second));

        Map<String, Object> data = ScanReply.done(Samples.request(1), result).data();

        assertEquals(List.of("label", "labels", "similars"), List.copyOf(data.keySet()));
        assertEquals("APT28", data.get("label"));
        assertEquals(List.of(Map.of("label", "APT28", "ratio", "50.00%"), Map.of("label", "virlock", "ratio", "50.00%")),
                data.get("labels"));
        assertEquals(List.of(Map.of("hash", "a5ad7440", "label", "APT28", "sim", 1.0),
                        Map.of("hash", "9001f4cf", "label", "virlock", "sim", 0.96)),
                data.get("similars"));
    }

    @Test
    void dataIsEmptyUnlessDone() {
        assertEquals(Map.of(), ScanReply.queued(Samples.request(1), 3, false).data());
        assertEquals(Map.of(), ScanReply.error(Samples.request(1), ScanStatus.QUEUE_FULL, "full").data());
    }

    @Test
    void rejectsFieldsThatDoNotFitStatus() {
        Classification result = new Classification("x", Optional.empty(), List.of(), List.of());

        assertThrows(IllegalArgumentException.class, () -> new ScanReply(null, null, null, ScanStatus.QUEUED, "m",
                Optional.of(result), OptionalInt.of(0)));
        assertThrows(IllegalArgumentException.class, () -> new ScanReply(null, null, null, ScanStatus.DONE, "m",
                Optional.empty(), OptionalInt.empty()));
        assertThrows(IllegalArgumentException.class, () -> ScanReply.error(Samples.request(1), ScanStatus.DONE, "m"));
    }

    @Test
    void requestDataIsCopiedUnmodifiable() {
        Map<String, Object> nested = new HashMap<>();
        nested.put("k", null);
        Map<String, Object> data = new HashMap<>();
        data.put("inner", nested);
        data.put("list", List.of(1, 2));

        ScanRequest request = new ScanRequest("m", "s", "f", "h", data);
        nested.put("k", "changed");

        assertEquals(null, ((Map<?, ?>) request.data().get("inner")).get("k"));
        assertThrows(UnsupportedOperationException.class, () -> request.data().put("x", 1));
        assertEquals(Map.of(), new ScanRequest("m", "s", "f", "h", null).data());
    }
}
