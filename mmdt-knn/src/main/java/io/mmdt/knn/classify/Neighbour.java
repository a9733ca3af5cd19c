package io.mmdt.knn.classify;

import io.mmdt.core.MmdtHash;
import java.util.Objects;

/**
 * One stored entry returned for a query: its sample id (the SHA-1 hex of the sample in
 * stores built by this project or by python_mmdt), its label, its hash, and its
 * similarity to the query.
 *
 * @param sampleId the stored sample id; the wire format calls this field {@code hash}
 * @param label the stored label
 * @param hash the stored mmdt hash
 * @param similarity the similarity to the query, in [0, 1]
 */
public record Neighbour(String sampleId, String label, MmdtHash hash, double similarity) {

    public Neighbour {
        Objects.requireNonNull(sampleId, "sampleId");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(hash, "hash");
    }
}
