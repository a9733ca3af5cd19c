package io.mmdt.knn.unpack;

import static io.mmdt.knn.unpack.Archives.members;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmdt.knn.unpack.UnpackException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackerTest {

    @TempDir
    Path dir;

    private final Unpacker unpacker = new Unpacker();

    /** Unpacks {@code bytes} stored as the file {@code name} and returns each display path with its content. */
    private Map<String, byte[]> unpackFile(Unpacker unpacker, String name, byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve(name), bytes);
        Map<String, byte[]> seen = new LinkedHashMap<>();
        unpacker.unpack(file, MemberPath.of(name), member -> {
            byte[] content = member.content().readAllBytes();
            assertEquals(member.size(), content.length, "declared size of " + member.path());
            seen.put(member.path().toString(), content);
        });
        return seen;
    }

    private Map<String, byte[]> unpackFile(String name, byte[] bytes) throws IOException {
        return unpackFile(unpacker, name, bytes);
    }

    private UnpackException unpackFails(Unpacker unpacker, String name, byte[] bytes) {
        return assertThrows(UnpackException.class, () -> unpackFile(unpacker, name, bytes));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void zipMembersComeInArchiveOrder() throws IOException {
        Map<String, byte[]> seen = unpackFile("a.zip", Archives.zip(members(
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n",
                "dir/", "",
                "dir/b.txt", "bee")));

        assertEquals(List.of("a.zip!/META-INF/MANIFEST.MF", "a.zip!/dir/b.txt"), List.copyOf(seen.keySet()));
        assertEquals("Manifest-Version: 1.0\n", text(seen.get("a.zip!/META-INF/MANIFEST.MF")));
        assertEquals("bee", text(seen.get("a.zip!/dir/b.txt")));
    }

    @Test
    void directoryEntryWithContentIsRead() throws IOException {
        Map<String, byte[]> seen = unpackFile("hide.zip", Archives.zip(members("empty/", "", "hidden/", "payload")));

        assertEquals(List.of("hide.zip!/hidden/"), List.copyOf(seen.keySet()));
        assertEquals("payload", text(seen.get("hide.zip!/hidden/")));
    }

    @Test
    void storedZipMembersAreRead() throws IOException {
        Map<String, byte[]> seen = unpackFile("s.zip", Archives.storedZip(members("x.bin", "stored")));

        assertEquals("stored", text(seen.get("s.zip!/x.bin")));
    }

    @Test
    void nestedContainerFollowsItsMembers() throws IOException {
        byte[] jar = Archives.zip(members("c/C.class", "class bytes"));
        byte[] outer = Archives.zip(members("lib/b.jar", jar, "readme.txt", "hi"));

        Map<String, byte[]> seen = unpackFile("a.zip", outer);

        assertEquals(List.of("a.zip!/lib/b.jar!/c/C.class", "a.zip!/lib/b.jar", "a.zip!/readme.txt"),
                List.copyOf(seen.keySet()));
        assertArrayEquals(jar, seen.get("a.zip!/lib/b.jar"));
    }

    @Test
    void emptyZipHasNoMembers() throws IOException {
        byte[] empty = Archives.zip(members());
        assertEquals('P', empty[0]);
        assertEquals(5, empty[2]);

        Map<String, byte[]> seen = unpackFile("empty.zip", empty);

        assertTrue(seen.isEmpty());
    }

    @Test
    void nonContainerHasNoMembers() throws IOException {
        Path file = Files.write(dir.resolve("plain.bin"), Archives.randomBytes(1, 5000));
        List<ContainerMember> seen = new ArrayList<>();

        Optional<ContainerFormat> format = unpacker.unpack(file, seen::add);

        assertEquals(Optional.empty(), format);
        assertTrue(seen.isEmpty());
    }

    @Test
    void formatIsDetectedByContentNotName() throws IOException {
        Map<String, byte[]> seen = unpackFile("looks-like.txt", Archives.zip(members("m", "x")));

        assertEquals(List.of("looks-like.txt!/m"), List.copyOf(seen.keySet()));
    }

    @Test
    void tarMembersAreRead() throws IOException {
        Map<String, byte[]> seen = unpackFile("t.tar", Archives.tar(members(
                "dir/a.txt", "alpha", "dir/empty", "", "b.bin", Archives.randomBytes(2, 3000))));

        assertEquals(List.of("t.tar!/dir/a.txt", "t.tar!/dir/empty", "t.tar!/b.bin"), List.copyOf(seen.keySet()));
        assertEquals("alpha", text(seen.get("t.tar!/dir/a.txt")));
        assertArrayEquals(Archives.randomBytes(2, 3000), seen.get("t.tar!/b.bin"));
    }

    @Test
    void tarLinksAndDirectoriesAreSkipped() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.putArchiveEntry(new TarArchiveEntry("dir/", TarConstants.LF_DIR));
            tar.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("dir/link", TarConstants.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            TarArchiveEntry file = new TarArchiveEntry("dir/file");
            file.setSize(4);
            tar.putArchiveEntry(file);
            tar.write("data".getBytes(StandardCharsets.UTF_8));
            tar.closeArchiveEntry();
        }

        Map<String, byte[]> seen = unpackFile("links.tar", out.toByteArray());

        assertEquals(List.of("links.tar!/dir/file"), List.copyOf(seen.keySet()));
    }

    @Test
    void oldStyleTarIsDetectedByChecksum() throws IOException {
        byte[] tar = Archives.oldStyleTar(members("old.txt", "v7"));
        assertEquals(Optional.of(ContainerFormat.TAR), ContainerFormat.detect(tar, 512));

        Map<String, byte[]> seen = unpackFile("old.tar", tar);

        assertEquals("v7", text(seen.get("old.tar!/old.txt")));
    }

    @Test
    void compressedTarMembersBelongToGzipFile() throws IOException {
        byte[] tgz = Archives.gzip(Archives.tar(members("dir/a.txt", "alpha", "b.txt", "beta")));

        Map<String, byte[]> seen = unpackFile("x.tar.gz", tgz);

        assertEquals(List.of("x.tar.gz!/dir/a.txt", "x.tar.gz!/b.txt"), List.copyOf(seen.keySet()));
        assertEquals("beta", text(seen.get("x.tar.gz!/b.txt")));
    }

    @Test
    void gzipMemberTakesNameFromHeader() throws IOException {
        Map<String, byte[]> seen = unpackFile("data.gz", Archives.gzip("payload".getBytes(StandardCharsets.UTF_8), "original.log"));

        assertEquals(List.of("data.gz!/original.log"), List.copyOf(seen.keySet()));
        assertEquals("payload", text(seen.get("data.gz!/original.log")));
    }

    @Test
    void gzipMemberWithoutNameDropsSuffix() throws IOException {
        Map<String, byte[]> seen = unpackFile("report.csv.gz", Archives.gzip("a,b".getBytes(StandardCharsets.UTF_8)));

        assertEquals(List.of("report.csv.gz!/report.csv"), List.copyOf(seen.keySet()));
    }

    @Test
    void gzipOfZipIsUnpackedFurther() throws IOException {
        byte[] zip = Archives.zip(members("inner.txt", "in"));

        Map<String, byte[]> seen = unpackFile("a.zip.gz", Archives.gzip(zip));

        assertEquals(List.of("a.zip.gz!/a.zip!/inner.txt", "a.zip.gz!/a.zip"), List.copyOf(seen.keySet()));
    }

    @Test
    void inMemoryContentIsUnpacked() throws IOException {
        byte[] zip = Archives.zip(members("m.txt", "memory"));
        List<String> paths = new ArrayList<>();

        Optional<ContainerFormat> format = unpacker.unpack(zip, MemberPath.of("upload"),
                member -> paths.add(member.path().toString()));

        assertEquals(Optional.of(ContainerFormat.ZIP), format);
        assertEquals(List.of("upload!/m.txt"), paths);
    }

    /** Returns {@code first} followed by {@code second}. */
    private static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    @Test
    void jmodIsUnpackedAsZip() throws IOException {
        byte[] jmod = concat(new byte[] {'J', 'M', 1, 0}, Archives.zip(members("classes/A.class", "code")));

        Map<String, byte[]> seen = unpackFile("java.base.jmod", jmod);

        assertEquals(List.of("java.base.jmod!/classes/A.class"), List.copyOf(seen.keySet()));
        assertEquals("code", text(seen.get("java.base.jmod!/classes/A.class")));
    }

    @Test
    void selfExtractingArchiveIsUnpacked() throws IOException {
        byte[] stub = concat(new byte[] {'M', 'Z'}, Archives.randomBytes(7, 20_000));
        byte[] archive = concat(stub, Archives.zip(members("setup/payload.dll", "payload", "readme.txt", "hi")));
        List<String> inMemory = new ArrayList<>();

        Map<String, byte[]> seen = unpackFile("setup.exe", archive);
        Optional<ContainerFormat> format = unpacker.unpack(archive, MemberPath.of("upload"),
                member -> inMemory.add(member.path().toString()));

        assertEquals(List.of("setup.exe!/setup/payload.dll", "setup.exe!/readme.txt"), List.copyOf(seen.keySet()));
        assertEquals("payload", text(seen.get("setup.exe!/setup/payload.dll")));
        assertEquals(Optional.of(ContainerFormat.ZIP), format);
        assertEquals(List.of("upload!/setup/payload.dll", "upload!/readme.txt"), inMemory);
    }

    @Test
    void selfExtractingArchiveWithCommentIsUnpacked() throws IOException {
        java.io.ByteArrayOutputStream zipBytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(zipBytes)) {
            zip.setComment("x".repeat(3000));
            zip.putNextEntry(new java.util.zip.ZipEntry("payload.bin"));
            zip.write("payload".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        byte[] archive = concat(Archives.randomBytes(10, 9000), zipBytes.toByteArray());

        Map<String, byte[]> seen = unpackFile("commented.exe", archive);

        assertEquals(List.of("commented.exe!/payload.bin"), List.copyOf(seen.keySet()));
    }

    @Test
    void bytesAfterEndRecordMakeFilePlain() throws IOException {
        // The end record no longer ends the file, so the data is not taken for a ZIP, even
        // though the archive itself would open.
        byte[] zip = Archives.zip(members("a.txt", "a"));
        byte[] trailing = concat(concat(Archives.randomBytes(11, 4000), zip), new byte[] {1, 2, 3});
        Path file = Files.write(dir.resolve("trailing.bin"), trailing);

        assertEquals(Optional.empty(), Unpacker.detect(file));
    }

    @Test
    void fileEndingLikeZipButUnreadableIsPlain() throws IOException {
        // An end record whose central directory lies past the data, and one for an empty archive.
        byte[] badOffset = concat(Archives.randomBytes(8, 3000),
                new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 1, 0, 1, 0, 46, 0, 0, 0, 0, 0, 0, 1, 0, 0});
        byte[] emptyArchive = concat(Archives.randomBytes(9, 3000),
                new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        Path bad = Files.write(dir.resolve("bad.bin"), badOffset);
        Path empty = Files.write(dir.resolve("empty.bin"), emptyArchive);

        assertEquals(Optional.empty(), Unpacker.detect(bad));
        assertEquals(Optional.empty(), Unpacker.detect(empty));
        assertEquals(Optional.empty(), unpacker.unpack(badOffset, MemberPath.of("upload"), member -> { }));
    }

    @Test
    void prefixedZipInsideContainerIsPlainMember() throws IOException {
        byte[] inner = concat(new byte[] {'M', 'Z', 0, 0}, Archives.zip(members("x.txt", "x")));

        Map<String, byte[]> seen = unpackFile("outer.zip", Archives.zip("setup.exe", inner));

        assertEquals(List.of("outer.zip!/setup.exe"), List.copyOf(seen.keySet()));
    }

    @Test
    void traversalNameIsOnlyName() throws IOException {
        Path inner = Files.createDirectories(dir.resolve("a/b"));
        Path file = Files.write(inner.resolve("evil.zip"),
                Archives.zip(members("../../etc/passwd", "root:x:0:0", "/abs/file", "abs")));
        List<MemberPath> paths = new ArrayList<>();

        unpacker.unpack(file, member -> paths.add(member.path()));

        assertEquals(List.of("../../etc/passwd", "/abs/file"),
                paths.stream().map(MemberPath::name).toList());
        try (var files = Files.walk(dir)) {
            assertEquals(List.of(file), files.filter(Files::isRegularFile).toList(), "files on disk");
        }
    }

    @Test
    void visitorNeedNotReadMember() throws IOException {
        byte[] tar = Archives.tar(members("a", Archives.randomBytes(3, 5000), "b", "bee"));
        Path file = Files.write(dir.resolve("t.tar"), tar);
        List<String> read = new ArrayList<>();

        unpacker.unpack(file, member -> {
            if (member.path().name().equals("b")) {
                read.add(new String(member.content().readAllBytes(), StandardCharsets.UTF_8));
            }
        });

        assertEquals(List.of("bee"), read);
    }

    @Test
    void visitorExceptionPassesThroughUnchanged() throws IOException {
        Path file = Files.write(dir.resolve("a.zip"), Archives.zip(members("m", "x")));
        IOException thrown = new IOException("from the visitor");

        IOException caught = assertThrows(IOException.class, () -> unpacker.unpack(file, member -> {
            throw thrown;
        }));

        assertTrue(caught == thrown);
    }

    // ---- hostile input ----

    @Test
    void highRatioBombIsRejected() {
        byte[] bomb = Archives.zip("zeros.bin", new byte[8 << 20]);
        assertTrue(bomb.length < 20_000, "deflate packs 8 MiB of zeros into " + bomb.length + " bytes");

        UnpackException e = unpackFails(unpacker, "bomb.zip", bomb);

        assertEquals(Reason.COMPRESSION_RATIO_LIMIT, e.reason());
        assertEquals(MemberPath.of("bomb.zip"), e.container());
        assertEquals(Optional.of("zeros.bin"), e.member());
        assertTrue(e.getMessage().startsWith("bomb.zip!/zeros.bin: compression ratio exceeds the limit of 100:1"),
                e.getMessage());
    }

    @Test
    void highRatioGzipIsRejected() {
        UnpackException e = unpackFails(unpacker, "zeros.gz", Archives.gzip(new byte[8 << 20]));

        assertEquals(Reason.COMPRESSION_RATIO_LIMIT, e.reason());
        assertEquals(MemberPath.of("zeros.gz"), e.container());
    }

    @Test
    void highRatioCompressedTarIsRejected() {
        byte[] tgz = Archives.gzip(Archives.tar(members("zeros.bin", new byte[8 << 20])));

        UnpackException e = unpackFails(unpacker, "bomb.tar.gz", tgz);

        assertEquals(Reason.COMPRESSION_RATIO_LIMIT, e.reason());
        assertEquals(MemberPath.of("bomb.tar.gz"), e.container());
    }

    @Test
    void totalLimitCountsBytesRead() {
        // A gzip file declares no size, so only counting the bytes read can stop it.
        Unpacker small = new Unpacker(UnpackLimits.builder().maxTotalBytes(10_000).build());

        UnpackException e = unpackFails(small, "big.gz", Archives.gzip(Archives.randomBytes(9, 20_000)));

        assertEquals(Reason.TOTAL_BYTES_LIMIT, e.reason());
        assertEquals(Optional.of("big"), e.member());
    }

    @Test
    void totalLimitRejectsDeclaredSizeEarly() {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            many.put("m" + i, Archives.randomBytes(i, 3_000));
        }
        Unpacker small = new Unpacker(UnpackLimits.builder().maxTotalBytes(10_000).build());

        UnpackException e = unpackFails(small, "five.tar", Archives.tar(many));

        assertEquals(Reason.TOTAL_BYTES_LIMIT, e.reason());
        assertEquals(Optional.of("m3"), e.member());
    }

    @Test
    void redundantMemberBelowThresholdPasses() throws IOException {
        Map<String, byte[]> seen = unpackFile("small.zip", Archives.zip("zeros.bin", new byte[512 << 10]));

        assertEquals(512 << 10, seen.get("small.zip!/zeros.bin").length);
    }

    @Test
    void deepNestingIsRejected() {
        byte[] archive = Archives.zip("leaf.txt", "leaf".getBytes(StandardCharsets.UTF_8));
        for (int level = 4; level >= 1; level--) {
            archive = Archives.zip("level" + level + ".zip", archive);
        }

        UnpackException e = unpackFails(unpacker, "deep.zip", archive);

        assertEquals(Reason.DEPTH_LIMIT, e.reason());
        assertEquals("deep.zip!/level1.zip!/level2.zip", e.container().toString());
        assertEquals(Optional.of("level3.zip"), e.member());
    }

    @Test
    void deepNestingPassesWithRaisedLimit() throws IOException {
        byte[] archive = Archives.zip("leaf.txt", "leaf".getBytes(StandardCharsets.UTF_8));
        for (int level = 4; level >= 1; level--) {
            archive = Archives.zip("level" + level + ".zip", archive);
        }
        Unpacker deep = new Unpacker(UnpackLimits.builder().maxDepth(5).build());

        Map<String, byte[]> seen = unpackFile(deep, "deep.zip", archive);

        assertEquals("deep.zip!/level1.zip!/level2.zip!/level3.zip!/level4.zip!/leaf.txt",
                seen.keySet().iterator().next());
        assertEquals(5, seen.size());
    }

    @Test
    void nestedCopiesBreakTotalLimit() {
        // Each level contains ten copies of the level below, as in the classic 42.zip.
        byte[] archive = Archives.zip("data.bin", Archives.randomBytes(4, 100_000));
        for (int level = 1; level <= 2; level++) {
            Map<String, byte[]> copies = new LinkedHashMap<>();
            for (int copy = 0; copy < 10; copy++) {
                copies.put("copy" + copy + ".zip", archive);
            }
            archive = Archives.zip(copies);
        }
        Unpacker small = new Unpacker(UnpackLimits.builder().maxTotalBytes(5_000_000).build());

        UnpackException e = unpackFails(small, "42.zip", archive);

        assertEquals(Reason.TOTAL_BYTES_LIMIT, e.reason());
        assertTrue(e.getMessage().contains("limit of 5000000 bytes"), e.getMessage());
    }

    @Test
    void memberCountLimitIsEnforced() {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            many.put("m" + i, new byte[] {(byte) i});
        }
        Unpacker small = new Unpacker(UnpackLimits.builder().maxMembers(10).build());

        UnpackException e = unpackFails(small, "many.tar", Archives.tar(many));

        assertEquals(Reason.MEMBER_COUNT_LIMIT, e.reason());
        assertEquals(Optional.of("m10"), e.member());
    }

    @Test
    void bufferLimitAppliesToGzipContent() {
        Unpacker small = new Unpacker(UnpackLimits.builder().maxBufferedBytes(1000).build());

        UnpackException e = unpackFails(small, "big.gz", Archives.gzip(Archives.randomBytes(5, 1001)));

        assertEquals(Reason.BUFFER_LIMIT, e.reason());
    }

    @Test
    void bufferLimitBelowDetectionHeadIsEnforced() {
        Unpacker tiny = new Unpacker(UnpackLimits.builder().maxBufferedBytes(1).build());
        byte[] nested = Archives.zip("inner.zip", Archives.zip(members("a.txt", "a")));

        UnpackException gzip = unpackFails(tiny, "big.gz", Archives.gzip(Archives.randomBytes(6, 2000)));
        UnpackException zip = unpackFails(tiny, "outer.zip", nested);

        assertEquals(Reason.BUFFER_LIMIT, gzip.reason());
        assertEquals(Reason.BUFFER_LIMIT, zip.reason());
    }

    @Test
    void bufferLimitReachedExactlyPasses() throws IOException {
        Unpacker small = new Unpacker(UnpackLimits.builder().maxBufferedBytes(1000).build());

        Map<String, byte[]> seen = unpackFile(small, "fits.gz", Archives.gzip(Archives.randomBytes(5, 1000)));

        assertEquals(1000, seen.get("fits.gz!/fits").length);
    }

    @Test
    void truncatedZipIsCorrupt() {
        byte[] zip = Archives.zip(members("a", Archives.randomBytes(6, 4000), "b", "bee"));

        UnpackException e = unpackFails(unpacker, "cut.zip", Arrays.copyOf(zip, zip.length / 2));

        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().startsWith("cut.zip: "), e.getMessage());
    }

    @Test
    void truncatedTarIsCorrupt() {
        byte[] tar = Archives.tar(members("a", Archives.randomBytes(7, 4000)));

        UnpackException e = unpackFails(unpacker, "cut.tar", Arrays.copyOf(tar, 2048));

        assertEquals(Reason.CORRUPT, e.reason());
        assertEquals(MemberPath.of("cut.tar"), e.container());
    }

    @Test
    void truncatedGzipIsCorrupt() {
        byte[] gzip = Archives.gzip(Archives.randomBytes(8, 4000));

        UnpackException e = unpackFails(unpacker, "cut.gz", Arrays.copyOf(gzip, gzip.length / 2));

        assertEquals(Reason.CORRUPT, e.reason());
    }

    @Test
    void encryptedEntryIsRejected() {
        byte[] zip = Archives.setZipFlags(Archives.zip(members("secret.txt", "hidden")), 1);

        UnpackException e = unpackFails(unpacker, "locked.zip", zip);

        assertEquals(Reason.ENCRYPTED, e.reason());
        assertEquals(Optional.of("secret.txt"), e.member());
        assertTrue(e.getMessage().startsWith("locked.zip!/secret.txt: member is encrypted"), e.getMessage());
    }

    @Test
    void unsupportedMethodIsRejected() {
        byte[] zip = Archives.setZipMethod(Archives.storedZip(members("odd.bin", "data")), 97);

        UnpackException e = unpackFails(unpacker, "odd.zip", zip);

        assertEquals(Reason.UNSUPPORTED_METHOD, e.reason());
        assertTrue(e.getMessage().contains("compression method 97"), e.getMessage());
    }

    @Test
    void understatedSizeIsCorrupt() {
        byte[] zip = Archives.setCentralSize(Archives.zip("m.txt", "0123456789".repeat(10).getBytes(StandardCharsets.UTF_8)), 10);

        UnpackException e = unpackFails(unpacker, "liar.zip", zip);

        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("longer than its declared size of 10 bytes"), e.getMessage());
    }

    @Test
    void overstatedSizeIsCorrupt() {
        byte[] zip = Archives.setCentralSize(Archives.zip("m.txt", "short".getBytes(StandardCharsets.UTF_8)), 1000);

        UnpackException e = unpackFails(unpacker, "liar.zip", zip);

        assertEquals(Reason.CORRUPT, e.reason());
    }

    @Test
    void nestedFailureNamesInnermostContainer() {
        byte[] locked = Archives.setZipFlags(Archives.zip(members("c.class", "x")), 1);
        byte[] outer = Archives.storedZip(members("b.jar", locked));

        UnpackException e = unpackFails(unpacker, "a.zip", outer);

        assertEquals("a.zip!/b.jar", e.container().toString());
        assertEquals("a.zip!/b.jar!/c.class", e.path().toString());
    }

    @Test
    void directoryIsRejected() {
        assertThrows(java.nio.file.FileSystemException.class, () -> unpacker.unpack(dir, member -> { }));
    }

    @Test
    void missingFileIsRejected() {
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> unpacker.unpack(dir.resolve("absent.zip"), member -> { }));
    }
}
