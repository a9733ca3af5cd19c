package io.mmdt.knn.unpack;

import io.mmdt.knn.classify.Classifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Classifies every member of a container and the container itself, and gives the container
 * the verdict of its most similar member (see {@link ContainerVerdict}).
 *
 * <p>Instances are thread-safe when the classifier and the consumer are.
 *
 * <pre>{@code
 * ContainerClassifier classifier = new ContainerClassifier(new ContainerHasher(), knn);
 * ContainerVerdict verdict = classifier.classify(Path.of("app.apk"), member -> { });
 * System.out.println(verdict.label() + " from " + verdict.deciding().path());
 * }</pre>
 */
public final class ContainerClassifier {

    private final ContainerHasher hasher;
    private final Classifier classifier;

    /**
     * Creates a container classifier.
     *
     * @throws NullPointerException if an argument is null
     */
    public ContainerClassifier(ContainerHasher hasher, Classifier classifier) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    /**
     * Classifies each member of {@code file} and then {@code file} itself, passing each
     * result to {@code consumer} in the order of {@link ContainerHasher}, and returns the
     * verdict.
     *
     * @throws UnpackException if the file is a container that cannot be unpacked; the
     *     members already passed to {@code consumer} stay valid, and no verdict is given
     * @throws IOException if the file cannot be read
     */
    public ContainerVerdict classify(Path file, Consumer<? super MemberClassification> consumer)
            throws IOException {
        Objects.requireNonNull(consumer, "consumer");
        VerdictCollector collector = new VerdictCollector(consumer);
        hasher.hash(file, collector);
        return collector.verdict();
    }

    /** Classifies each hash as it arrives and keeps the best member and the input. */
    private final class VerdictCollector implements Consumer<MemberHash> {

        private final Consumer<? super MemberClassification> consumer;
        private MemberClassification best;
        private MemberClassification input;

        VerdictCollector(Consumer<? super MemberClassification> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void accept(MemberHash result) {
            MemberClassification classified = new MemberClassification(
                    result.path(), result.hash(), classifier.classify(result.hash()));
            consumer.accept(classified);

            // Strictly greater, so that ties go to the member that came first.
            if (best == null || classified.nearestSimilarity() > best.nearestSimilarity()) {
                best = classified;
            }
            if (result.path().depth() == 0) {
                input = classified;
            }
        }

        ContainerVerdict verdict() {
            // When no member had a candidate, all rank equal and the input itself decides.
            MemberClassification deciding = best.nearestSimilarity() < 0 ? input : best;
            return new ContainerVerdict(input, deciding);
        }
    }
}
