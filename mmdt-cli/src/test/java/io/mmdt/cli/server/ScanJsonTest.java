package io.mmdt.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mmdt.knn.scan.ScanRequest;
import io.mmdt.knn.scan.ScanStatus;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ScanJsonTest {

    @Property(tries = 200)
    void requestRoundTrips(@ForAll String md5, @ForAll String sha1, @ForAll String fileName, @ForAll String mmdt)
            throws Exception {
        ScanRequest request = new ScanRequest(md5, sha1, fileName, mmdt, Map.of("note", fileName));

        ScanRequest parsed = ScanJson.parseRequest(ScanJson.writeRequest(request));

        assertEquals(request, parsed);
    }

    @Test
    void dataIsConvertedToMapsAndLists() throws Exception {
        String body = "{\"md5\":\"a\",\"data\":{\"list\":[1,{\"inner\":null}],\"text\":\"x\",\"flag\":true}}";

        ScanRequest request = ScanJson.parseRequest(bytes(body));

        Map<String, Object> innerNull = new HashMap<>();
        innerNull.put("inner", null);
        assertEquals(List.of(1, innerNull), request.data().get("list"));
        assertEquals("x", request.data().get("text"));
        assertEquals(true, request.data().get("flag"));
        assertNull(request.sha1());
    }

    @Test
    void absentOrNullDataIsEmpty() throws Exception {
        assertEquals(Map.of(), ScanJson.parseRequest(bytes("{\"md5\":\"a\"}")).data());
        assertEquals(Map.of(), ScanJson.parseRequest(bytes("{\"data\":null}")).data());
        assertEquals(Map.of(), ScanJson.parseRequest(bytes("{\"data\":{}}")).data());
    }

    @Test
    void rejectsDuplicateAndTrailingContent() {
        ScanJson.RejectedRequestException duplicate = assertThrows(ScanJson.RejectedRequestException.class,
                () -> ScanJson.parseRequest(bytes("{\"md5\":\"a\",\"md5\":\"b\"}")));
        ScanJson.RejectedRequestException trailing = assertThrows(ScanJson.RejectedRequestException.class,
                () -> ScanJson.parseRequest(bytes("{} []")));

        assertEquals(ScanStatus.MALFORMED_JSON, duplicate.status());
        assertEquals(ScanStatus.MALFORMED_JSON, trailing.status());
        assertEquals("malformed JSON: more content after the end of the JSON object", trailing.getMessage());
        assertEquals(40001, duplicate.reply().status().code());
    }

    @Test
    void emptyBodyIsNamedAsEmpty() {
        ScanJson.RejectedRequestException empty = assertThrows(ScanJson.RejectedRequestException.class,
                () -> ScanJson.parseRequest(new byte[0]));
        ScanJson.RejectedRequestException blank = assertThrows(ScanJson.RejectedRequestException.class,
                () -> ScanJson.parseRequest(bytes(" \n ")));

        assertEquals(ScanStatus.MALFORMED_JSON, empty.status());
        assertEquals("expected a JSON object with md5, sha1, file_name and mmdt, got an empty body", empty.getMessage());
        assertEquals("expected a JSON object with md5, sha1, file_name and mmdt, got an empty body", blank.getMessage());
    }

    @Test
    void wrongTypeReplyEchoesReadableFields() {
        ScanJson.RejectedRequestException e = assertThrows(ScanJson.RejectedRequestException.class,
                () -> ScanJson.parseRequest(bytes("{\"sha1\":\"s\",\"md5\":[1],\"file_name\":\"f\"}")));

        assertEquals(ScanStatus.WRONG_FIELD_TYPE, e.status());
        assertEquals("s", e.reply().sha1());
        assertEquals("f", e.reply().fileName());
        assertNull(e.reply().md5());
        assertEquals("field md5 must be a string, got a JSON array", e.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
