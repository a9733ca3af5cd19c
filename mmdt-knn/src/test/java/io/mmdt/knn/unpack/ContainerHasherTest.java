package io.mmdt.knn.unpack;

import static io.mmdt.knn.unpack.Archives.members;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerHasherTest {

    @TempDir
    Path dir;

    private final MmdtHasher hasher = new MmdtHasher();
    private final ContainerHasher containerHasher = new ContainerHasher();

    /** Returns the hash of {@code bytes} written to a plain file, the oracle for member hashes. */
    private MmdtHash fileHash(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "plain", ".bin");
        Files.write(file, bytes);
        return hasher.hash(file);
    }

    @Test
    void memberHashEqualsPlainFileHash() throws IOException {
        byte[] big = Archives.randomBytes(10, 200_000);
        byte[] small = Archives.randomBytes(11, 3_000);
        Path zip = Files.write(dir.resolve("a.zip"), Archives.zip(members("big.bin", big, "small.bin", small)));

        List<MemberHash> results = containerHasher.hashAll(zip);

        assertEquals(3, results.size());
        assertEquals(zip + "!/big.bin", results.get(0).path().toString());
        assertEquals(fileHash(big), results.get(0).hash());
        assertEquals(200_000, results.get(0).size());
        assertEquals(fileHash(small), results.get(1).hash());
    }

    @Test
    void containerComesLastWithItsOwnHash() throws IOException {
        byte[] bytes = Archives.tar(members("m.txt", "member"));
        Path tar = Files.write(dir.resolve("t.tar"), bytes);

        List<MemberHash> results = containerHasher.hashAll(tar);

        MemberHash last = results.get(results.size() - 1);
        assertEquals(MemberPath.of(tar.toString()), last.path());
        assertEquals(hasher.hash(tar), last.hash());
        assertEquals(bytes.length, last.size());
    }

    @Test
    void nestedMembersHashLikeFiles() throws IOException {
        byte[] inner = Archives.randomBytes(12, 50_000);
        byte[] jar = Archives.zip(members("c/C.class", inner));
        byte[] gz = Archives.gzip(Archives.randomBytes(13, 40_000), "log.txt");
        Path zip = Files.write(dir.resolve("a.zip"), Archives.zip(members("b.jar", jar, "d.gz", gz)));

        List<MemberHash> results = containerHasher.hashAll(zip);

        List<String> paths = results.stream().map(r -> r.path().toString()).toList();
        assertEquals(List.of(zip + "!/b.jar!/c/C.class", zip + "!/b.jar",
                zip + "!/d.gz!/log.txt", zip + "!/d.gz", zip.toString()), paths);
        assertEquals(fileHash(inner), results.get(0).hash());
        assertEquals(fileHash(jar), results.get(1).hash());
        assertEquals(fileHash(Archives.randomBytes(13, 40_000)), results.get(2).hash());
        assertEquals(fileHash(gz), results.get(3).hash());
    }

    @Test
    void nonContainerIsHashedAsItself() throws IOException {
        byte[] bytes = Archives.randomBytes(14, 10_000);
        Path file = Files.write(dir.resolve("plain.exe"), bytes);

        List<MemberHash> results = containerHasher.hashAll(file);

        assertEquals(List.of(new MemberHash(MemberPath.of(file.toString()), bytes.length, fileHash(bytes))), results);
    }

    @Test
    void inMemoryContentHashesLikeFile() throws IOException {
        byte[] member = Archives.randomBytes(15, 20_000);
        byte[] zip = Archives.zip(members("m.bin", member));
        List<MemberHash> results = new ArrayList<>();

        containerHasher.hash(zip, MemberPath.of("upload"), results::add);

        assertEquals(2, results.size());
        assertEquals("upload!/m.bin", results.get(0).path().toString());
        assertEquals(fileHash(member), results.get(0).hash());
        assertEquals(fileHash(zip), results.get(1).hash());
    }

    @Test
    void failedContainerKeepsEarlierMembers() throws IOException {
        byte[] good = Archives.zip(members("ok.txt", "fine"));
        byte[] locked = Archives.setZipFlags(Archives.zip(members("secret", "x")), 1);
        Map<String, byte[]> outer = members("a.zip", good, "b.zip", locked);
        Path file = Files.write(dir.resolve("outer.tar"), Archives.tar(outer));
        List<String> seen = new ArrayList<>();

        UnpackException e = assertThrows(UnpackException.class,
                () -> containerHasher.hash(file, result -> seen.add(result.path().toString())));

        assertEquals(UnpackException.Reason.ENCRYPTED, e.reason());
        assertEquals(List.of(file + "!/a.zip!/ok.txt", file + "!/a.zip"), seen);
    }
}
