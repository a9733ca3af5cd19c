package io.mmdt.knn.scan;

import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.LabelShare;
import io.mmdt.knn.classify.Neighbour;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The service's reply to one scan request. It echoes the request's {@code sha1},
 * {@code md5} and {@code file_name} as received, and adds a status, a message and, when the
 * status is {@link ScanStatus#DONE}, the classification.
 *
 * @param sha1 the request's {@code sha1}, as received; null if it had none
 * @param md5 the request's {@code md5}, as received; null if it had none
 * @param fileName the request's {@code file_name}, as received; null if it had none
 * @param status what happened to the request
 * @param message {@code "success"} when done; otherwise a sentence for a person, such as the
 *     number of tasks ahead or what is wrong with the request
 * @param classification the result; present exactly when the status is {@code DONE}
 * @param tasksAhead the number of queued tasks ahead of this one; present exactly when the
 *     status is {@code QUEUED}, and 0 while the task is being classified
 */
public record ScanReply(
        String sha1,
        String md5,
        String fileName,
        ScanStatus status,
        String message,
        Optional<Classification> classification,
        OptionalInt tasksAhead) {

    /** The message of every reply with status {@link ScanStatus#DONE}, as in python_mmdt. */
    public static final String SUCCESS = "success";

    /**
     * @throws NullPointerException if {@code status}, {@code message}, {@code classification}
     *     or {@code tasksAhead} is null
     * @throws IllegalArgumentException if {@code classification} or {@code tasksAhead} is
     *     present for a status that does not carry it, or absent for one that does
     */
    public ScanReply {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(tasksAhead, "tasksAhead");
        if (classification.isPresent() != (status == ScanStatus.DONE)) {
            throw new IllegalArgumentException("a classification belongs to status DONE only, got " + status);
        }
        if (tasksAhead.isPresent() != (status == ScanStatus.QUEUED)) {
            throw new IllegalArgumentException("tasksAhead belongs to status QUEUED only, got " + status);
        }
    }

    /** Creates the reply for a finished classification. */
    public static ScanReply done(ScanRequest request, Classification classification) {
        return new ScanReply(request.sha1(), request.md5(), request.fileName(), ScanStatus.DONE, SUCCESS,
                Optional.of(classification), OptionalInt.empty());
    }

    /**
     * Creates the reply for a task that is queued or, when {@code running} is true, being
     * classified.
     */
    public static ScanReply queued(ScanRequest request, int tasksAhead, boolean running) {
        String message = running
                ? "The sample is being classified. Send the same request again later for the result."
                : "The sample is queued with " + tasksAhead + (tasksAhead == 1 ? " task" : " tasks")
                        + " ahead of it. Send the same request again later for the result.";
        return new ScanReply(request.sha1(), request.md5(), request.fileName(), ScanStatus.QUEUED, message,
                Optional.empty(), OptionalInt.of(tasksAhead));
    }

    /**
     * Creates an error reply.
     *
     * @throws IllegalArgumentException if {@code status} is not an error status
     */
    public static ScanReply error(ScanRequest request, ScanStatus status, String message) {
        if (!status.isError()) {
            throw new IllegalArgumentException("expected an error status, got " + status);
        }
        return new ScanReply(request.sha1(), request.md5(), request.fileName(), status, message,
                Optional.empty(), OptionalInt.empty());
    }

    /**
     * Returns the reply's {@code data} object in the wire layout of python_mmdt, as nested
     * maps and lists: for {@code DONE}, {@code label}, {@code labels} (each {@code label} and
     * {@code ratio} such as {@code "20.00%"}) and {@code similars} (each {@code hash}, the
     * neighbour's sample id, {@code label} and {@code sim}). For every other status, an empty
     * map.
     */
    public Map<String, Object> data() {
        if (classification.isEmpty()) {
            return Map.of();
        }
        Classification result = classification.get();

        List<Object> labels = new ArrayList<>(result.labels().size());
        for (LabelShare share : result.labels()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("label", share.label());
            entry.put("ratio", share.ratioText());
            labels.add(entry);
        }

        List<Object> similars = new ArrayList<>(result.similars().size());
        for (Neighbour neighbour : result.similars()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("hash", neighbour.sampleId());
            entry.put("label", neighbour.label());
            entry.put("sim", neighbour.similarity());
            similars.add(entry);
        }

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("label", result.label());
        data.put("labels", labels);
        data.put("similars", similars);
        return data;
    }
}
