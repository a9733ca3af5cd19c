package io.mmdt.cli.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mmdt.knn.scan.ScanReply;
import io.mmdt.knn.scan.ScanRequest;
import io.mmdt.knn.scan.ScanStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON wire format of the scan protocol, shared by the server and the
 * {@code scan-online} client.
 *
 * <p>A request is an object with the string fields {@code md5}, {@code sha1},
 * {@code file_name} and {@code mmdt} and an optional object {@code data}; other fields are
 * ignored. A reply is an object with {@code sha1}, {@code md5}, {@code file_name} (echoed,
 * null when the request had none), {@code message}, {@code status} (a number, see
 * {@link ScanStatus}) and {@code data}. Error replies of the HTTP layer have the same shape.
 */
public final class ScanJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // A field given twice is ambiguous: reject it rather than let the last one win.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectMapper INDENTING_MAPPER = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private static final TypeReference<Map<String, Object>> OBJECT_TYPE = new TypeReference<>() {
    };

    private ScanJson() {
    }

    /**
     * Parses a request body.
     *
     * @throws RejectedRequestException with {@link ScanStatus#MALFORMED_JSON} if the body is not
     *     valid UTF-8 JSON or not a JSON object, or {@link ScanStatus#WRONG_FIELD_TYPE} if a field
     *     has the wrong JSON type. Absent and null fields are not an error here, because
     *     {@code ScanService} reports them.
     */
    public static ScanRequest parseRequest(byte[] body) throws RejectedRequestException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new RejectedRequestException(ScanStatus.MALFORMED_JSON, "malformed JSON: " + firstLine(e), null);
        }
        if (root == null || !root.isObject()) {
            // Jackson reads an empty or all-whitespace body as a "missing" node, not as an error.
            String found = root == null || root.isMissingNode()
                    ? "an empty body"
                    : "a JSON " + root.getNodeType().toString().toLowerCase(Locale.ROOT);
            throw new RejectedRequestException(ScanStatus.MALFORMED_JSON,
                    "expected a JSON object with md5, sha1, file_name and mmdt, got " + found, null);
        }

        String md5 = textOrNull(root, "md5");
        String sha1 = textOrNull(root, "sha1");
        String fileName = textOrNull(root, "file_name");
        String mmdt = textOrNull(root, "mmdt");
        ScanRequest echo = new ScanRequest(md5, sha1, fileName, mmdt);
        for (String field : new String[] {"md5", "sha1", "file_name", "mmdt"}) {
            JsonNode value = root.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw wrongType(field, "a string", value, echo);
            }
        }

        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            return echo;
        }
        if (!data.isObject()) {
            throw wrongType("data", "an object", data, echo);
        }
        if (data.isEmpty()) {
            // Clients almost always send an empty object, and converting it showed up in server profiles.
            return echo;
        }
        return new ScanRequest(md5, sha1, fileName, mmdt, MAPPER.convertValue(data, OBJECT_TYPE));
    }

    /** Writes a reply as compact UTF-8 JSON. */
    public static byte[] writeReply(ScanReply reply) {
        return write(MAPPER, replyObject(reply.sha1(), reply.md5(), reply.fileName(), reply.message(),
                reply.status().code(), reply.data()));
    }

    /** Writes an error reply of the HTTP layer, which echoes no request fields. */
    public static byte[] writeError(ScanStatus status, String message) {
        return write(MAPPER, replyObject(null, null, null, message, status.code(), Map.of()));
    }

    /** Writes a request as compact UTF-8 JSON, with {@code data} always present. */
    public static byte[] writeRequest(ScanRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("md5", request.md5());
        body.put("sha1", request.sha1());
        body.put("file_name", request.fileName());
        body.put("mmdt", request.mmdt());
        body.put("data", request.data());
        return write(MAPPER, body);
    }

    /**
     * Parses any JSON text, for example a reply.
     *
     * @throws JsonProcessingException if the text is not valid JSON
     */
    public static JsonNode parseTree(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /** Formats a JSON tree with line breaks and two-space indentation. */
    public static String indent(JsonNode tree) {
        try {
            return INDENTING_MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("failed to format a parsed JSON tree", e);
        }
    }

    private static Map<String, Object> replyObject(
            String sha1, String md5, String fileName, String message, int status, Map<String, Object> data) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("sha1", sha1);
        reply.put("md5", md5);
        reply.put("file_name", fileName);
        reply.put("message", message);
        reply.put("status", status);
        reply.put("data", data);
        return reply;
    }

    private static byte[] write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Only maps, lists, strings and numbers are written, which Jackson always serializes.
            throw new UncheckedIOException("failed to write JSON", e);
        }
    }

    private static String textOrNull(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static RejectedRequestException wrongType(String field, String expected, JsonNode value, ScanRequest echo) {
        String found = value.getNodeType().toString().toLowerCase(Locale.ROOT);
        return new RejectedRequestException(ScanStatus.WRONG_FIELD_TYPE,
                "field " + field + " must be " + expected + ", got a JSON " + found, echo);
    }

    /** Jackson's messages span several lines with the source location; the first line is the cause. */
    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        if (message != null && message.startsWith("Trailing token")) {
            // Jackson's text here names its own classes and settings, which mean nothing to a client.
            return "more content after the end of the JSON object";
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /**
     * Thrown when a request body cannot become a {@link ScanRequest}: it carries the status
     * and message of the error reply, and the fields that could be read for the echo.
     */
    public static final class RejectedRequestException extends Exception {

        private final transient ScanStatus status;
        private final transient ScanRequest echo;

        RejectedRequestException(ScanStatus status, String message, ScanRequest echo) {
            super(message);
            this.status = status;
            this.echo = echo == null ? new ScanRequest(null, null, null, null) : echo;
        }

        /** Returns the error status for the reply. */
        public ScanStatus status() {
            return status;
        }

        /** Returns the error reply, echoing the request fields that could be read. */
        public ScanReply reply() {
            return ScanReply.error(echo, status, getMessage());
        }
    }
}
