package io.mmdt.knn.scan;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code status} number of a scan reply, with the HTTP status the scan server sends
 * with it.
 *
 * <p>20000 and 20001 are the statuses of the original python_mmdt scan service. The
 * original has no error statuses, so every other number here is this project's own: the
 * first three digits are the HTTP status and the last two tell causes with the same HTTP
 * status apart. {@link ScanService} returns {@code DONE}, {@code QUEUED}, the four field
 * errors {@code MISSING_FIELD}, {@code INVALID_MD5}, {@code INVALID_SHA1} and
 * {@code INVALID_MMDT}, and the 5xx statuses except {@code INTERNAL_ERROR}. The HTTP layer
 * adds the others.
 */
public enum ScanStatus {

    /** The classification is done; the reply's data is the result. */
    DONE(20000, 200),

    /** The task is queued or being classified; ask again later with the same request. */
    QUEUED(20001, 200),

    /** The body is not valid JSON, or not a JSON object. */
    MALFORMED_JSON(40001, 400),

    /** A required field ({@code md5}, {@code sha1}, {@code file_name}, {@code mmdt}) is absent or null. */
    MISSING_FIELD(40002, 400),

    /** A field has the wrong JSON type, for example a number for {@code md5} or a list for {@code data}. */
    WRONG_FIELD_TYPE(40003, 400),

    /** {@code md5} is not 32 hex digits. */
    INVALID_MD5(40004, 400),

    /** {@code sha1} is not 40 hex digits. */
    INVALID_SHA1(40005, 400),

    /** {@code mmdt} is not a hash of the form {@code IIIIIIII:MMMM…} (8 and 32 hex digits). */
    INVALID_MMDT(40006, 400),

    /** No endpoint has this path. */
    NOT_FOUND(40401, 404),

    /** The endpoint does not accept this HTTP method; the {@code Allow} header lists those it does. */
    METHOD_NOT_ALLOWED(40501, 405),

    /** The request body is larger than the server's limit. */
    BODY_TOO_LARGE(41301, 413),

    /** The request's {@code Content-Type} is not {@code application/json} in UTF-8. */
    UNSUPPORTED_MEDIA_TYPE(41501, 415),

    /** The server failed unexpectedly while handling the request; the server log has the details. */
    INTERNAL_ERROR(50000, 500),

    /** The classifier threw an exception for this sample; the server log has the details. */
    CLASSIFICATION_FAILED(50001, 500),

    /** The task queue is full; retry later. Nothing was queued. */
    QUEUE_FULL(50301, 503),

    /** The service is shutting down and accepts no new tasks; queued tasks were discarded. */
    SHUT_DOWN(50302, 503);

    private static final Map<Integer, ScanStatus> BY_CODE = new HashMap<>();

    static {
        for (ScanStatus status : values()) {
            BY_CODE.put(status.code, status);
        }
    }

    private final int code;
    private final int httpStatus;

    ScanStatus(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** Returns the number sent in the reply's {@code status} field. */
    public int code() {
        return code;
    }

    /** Returns the HTTP status code the scan server sends with this status. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Returns whether this status reports an error rather than a result or a queued task. */
    public boolean isError() {
        return this != DONE && this != QUEUED;
    }

    /** Returns the status with this number, or empty if no status has it. */
    public static Optional<ScanStatus> fromCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
