package io.mmdt.knn.classify;

import java.util.Locale;
import java.util.Objects;

/**
 * The share of one label among the neighbours a classifier returned.
 *
 * @param label the label
 * @param count how many returned neighbours carry it
 * @param ratio {@code count} divided by the number of returned neighbours, in (0, 1]
 */
public record LabelShare(String label, int count, double ratio) {

    public LabelShare {
        Objects.requireNonNull(label, "label");
    }

    /**
     * Returns the ratio as python_mmdt prints it: a percentage with two decimals and a
     * per-cent sign, for example {@code "20.00%"}.
     */
    public String ratioText() {
        return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }
}
