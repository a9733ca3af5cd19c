package io.mmdt.knn.unpack;

import static io.mmdt.knn.unpack.Archives.members;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.Classifier;
import io.mmdt.knn.classify.LabelShare;
import io.mmdt.knn.classify.Neighbour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerClassifierTest {

    @TempDir
    Path dir;

    private final MmdtHasher hasher = new MmdtHasher();
    private final byte[] sample = Archives.randomBytes(20, 60_000);

    /** Returns a classifier over a store with one entry, the hash of {@link #sample}, labelled "evil". */
    private Classifier oneEntryStore() {
        MmdtHash stored = hasher.hash(sample);
        return query -> {
            Neighbour neighbour = new Neighbour("sha1", "evil", stored, query.similarity(stored));
            return new Classification("evil", Optional.of(neighbour),
                    List.of(new LabelShare("evil", 1, 1.0)), List.of(neighbour));
        };
    }

    private static Classifier emptyStore() {
        return query -> new Classification(Classification.UNKNOWN, Optional.empty(), List.of(), List.of());
    }

    @Test
    void mostSimilarMemberDecides() throws IOException {
        byte[] zip = Archives.zip(members("readme.txt", Archives.randomBytes(21, 9_000),
                "lib/payload.bin", sample, "other.bin", Archives.randomBytes(22, 70_000)));
        Path file = Files.write(dir.resolve("a.zip"), zip);
        ContainerClassifier classifier = new ContainerClassifier(new ContainerHasher(), oneEntryStore());
        List<String> seen = new ArrayList<>();

        ContainerVerdict verdict = classifier.classify(file, member -> seen.add(member.path().toString()));

        assertEquals(file + "!/lib/payload.bin", verdict.deciding().path().toString());
        assertEquals(1.0, verdict.deciding().nearestSimilarity());
        assertEquals("evil", verdict.label());
        assertEquals(MemberPath.of(file.toString()), verdict.input().path());
        assertEquals(List.of(file + "!/readme.txt", file + "!/lib/payload.bin", file + "!/other.bin",
                file.toString()), seen);
    }

    @Test
    void inputDecidesWhenNoCandidates() throws IOException {
        Path file = Files.write(dir.resolve("a.zip"), Archives.zip(members("m.bin", sample)));
        ContainerClassifier classifier = new ContainerClassifier(new ContainerHasher(), emptyStore());

        ContainerVerdict verdict = classifier.classify(file, member -> { });

        assertEquals(verdict.input(), verdict.deciding());
        assertEquals(Classification.UNKNOWN, verdict.label());
    }

    @Test
    void plainFileIsItsOwnVerdict() throws IOException {
        Path file = Files.write(dir.resolve("sample.exe"), sample);
        ContainerClassifier classifier = new ContainerClassifier(new ContainerHasher(), oneEntryStore());

        ContainerVerdict verdict = classifier.classify(file, member -> { });

        assertEquals(verdict.input(), verdict.deciding());
        assertEquals(MemberPath.of(file.toString()), verdict.deciding().path());
        assertEquals(1.0, verdict.deciding().nearestSimilarity());
    }

    @Test
    void tiedMembersGoToFirst() throws IOException {
        Path file = Files.write(dir.resolve("twins.zip"), Archives.zip(members("first.bin", sample, "second.bin", sample)));
        ContainerClassifier classifier = new ContainerClassifier(new ContainerHasher(), oneEntryStore());

        ContainerVerdict verdict = classifier.classify(file, member -> { });

        assertEquals("first.bin", verdict.deciding().path().name());
    }
}
