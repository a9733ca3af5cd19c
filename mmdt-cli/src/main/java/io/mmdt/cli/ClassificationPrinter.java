package io.mmdt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmdt.core.MmdtHash;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.LabelShare;
import io.mmdt.knn.classify.Neighbour;
import io.mmdt.knn.unpack.ContainerVerdict;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints classification results, either as one JSON object per line in the shape of
 * python_mmdt's results, or as a block of text per input for people.
 *
 * <p>JSON fields: {@code input} (the path or hash as given), {@code mmdt} (the query hash),
 * {@code label}, {@code labels} ({@code [{"label": …, "ratio": "20.00%"}]}) and
 * {@code similars} ({@code [{"hash": sample id, "label": …, "sim": 0.98…}]}). With
 * {@code --unpack}, an input's own result also has {@code verdict}
 * ({@code {"label": …, "member": display path, "sim": 0.98…}}): the label of the member
 * most similar to a stored entry, which member it was, and that similarity, or -1 when
 * no member had a candidate.
 */
final class ClassificationPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final boolean table;

    ClassificationPrinter(PrintWriter out, boolean table) {
        this.out = out;
        this.table = table;
    }

    void print(String input, MmdtHash query, Classification result) {
        print(input, query, result, null);
    }

    /** Prints one result, with the container verdict when {@code verdict} is not null. */
    void print(String input, MmdtHash query, Classification result, ContainerVerdict verdict) {
        if (table) {
            printTable(input, query, result, verdict);
        } else {
            out.println(toJson(input, query, result, verdict));
        }
        out.flush();
    }

    static String toJson(String input, MmdtHash query, Classification result) {
        return toJson(input, query, result, null);
    }

    static String toJson(String input, MmdtHash query, Classification result, ContainerVerdict verdict) {
        ObjectNode node = JSON.createObjectNode();
        node.put("input", input);
        node.put("mmdt", query.toString());
        node.put("label", result.label());
        ArrayNode labels = node.putArray("labels");
        for (LabelShare share : result.labels()) {
            labels.addObject().put("label", share.label()).put("ratio", share.ratioText());
        }
        ArrayNode similars = node.putArray("similars");
        for (Neighbour neighbour : result.similars()) {
            similars.addObject()
                    .put("hash", neighbour.sampleId())
                    .put("label", neighbour.label())
                    .put("sim", neighbour.similarity());
        }
        if (verdict != null) {
            node.putObject("verdict")
                    .put("label", verdict.label())
                    .put("member", verdict.deciding().path().toString())
                    .put("sim", verdict.deciding().nearestSimilarity());
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; this would be a Jackson bug.
            throw new IllegalStateException("cannot write classification as JSON", e);
        }
    }

    private void printTable(String input, MmdtHash query, Classification result, ContainerVerdict verdict) {
        out.println(input);
        out.println("  mmdt:     " + query);
        if (result.matched()) {
            out.println("  label:    " + result.label());
        } else {
            // KNN reports the nearest entry's label even without a match, which would read as a verdict.
            out.println("  label:    " + result.label() + "  (no match above the threshold)");
        }
        result.nearest().ifPresent(nearest -> out.printf(Locale.ROOT, "  nearest:  %.6f  %s  %s%n",
                nearest.similarity(), nearest.sampleId(), nearest.label()));
        for (LabelShare share : result.labels()) {
            out.printf(Locale.ROOT, "  share:    %7s  %s%n", share.ratioText(), share.label());
        }
        for (Neighbour neighbour : result.similars()) {
            out.printf(Locale.ROOT, "  similar:  %.6f  %s  %s%n",
                    neighbour.similarity(), neighbour.sampleId(), neighbour.label());
        }
        if (!result.matched()) {
            out.println("  similar:  none above the threshold");
        }
        if (verdict != null) {
            out.printf(Locale.ROOT, "  verdict: %s  from %s  (similarity %.6f)%n", verdict.label(),
                    verdict.deciding().path(), verdict.deciding().nearestSimilarity());
        }
        out.println();
    }
}
