package io.mmdt.knn.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Laws: unpacking returns exactly the members that were packed, in order, for every format. */
class UnpackRoundTripProperties {

    private final Unpacker unpacker = new Unpacker();

    private static Map<String, byte[]> named(List<byte[]> contents) {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 0; i < contents.size(); i++) {
            members.put("dir/m" + i + ".bin", contents.get(i));
        }
        return members;
    }

    private Map<String, byte[]> unpack(byte[] archive) throws IOException {
        Map<String, byte[]> seen = new LinkedHashMap<>();
        unpacker.unpack(archive, MemberPath.of("in"), member -> {
            byte[] content = member.content().readAllBytes();
            assertEquals(member.size(), content.length);
            seen.put(String.join("!/", member.path().segments().subList(1, member.path().segments().size())), content);
        });
        return seen;
    }

    private static void assertSameMembers(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        for (Map.Entry<String, byte[]> member : expected.entrySet()) {
            assertArrayEquals(member.getValue(), actual.get(member.getKey()), member.getKey());
        }
    }

    /** Keeps generated members from looking like containers, which would be unpacked further. */
    private static List<byte[]> plain(List<byte[]> contents) {
        for (byte[] content : contents) {
            if (content.length > 0) {
                content[0] = 'x';
            }
        }
        return contents;
    }

    @Property(tries = 50)
    void zipRoundTrips(@ForAll @Size(max = 6) List<@Size(max = 3000) byte[]> contents) throws IOException {
        Map<String, byte[]> members = named(plain(contents));

        assertSameMembers(members, unpack(Archives.zip(members)));
    }

    @Property(tries = 50)
    void storedZipRoundTrips(@ForAll @Size(max = 6) List<@Size(max = 3000) byte[]> contents) throws IOException {
        Map<String, byte[]> members = named(plain(contents));

        assertSameMembers(members, unpack(Archives.storedZip(members)));
    }

    @Property(tries = 50)
    void tarRoundTrips(@ForAll @Size(min = 1, max = 6) List<@Size(max = 3000) byte[]> contents) throws IOException {
        Map<String, byte[]> members = named(plain(contents));

        assertSameMembers(members, unpack(Archives.tar(members)));
    }

    @Property(tries = 50)
    void compressedTarRoundTrips(@ForAll @Size(min = 1, max = 6) List<@Size(max = 3000) byte[]> contents)
            throws IOException {
        Map<String, byte[]> members = named(plain(contents));

        assertSameMembers(members, unpack(Archives.gzip(Archives.tar(members))));
    }

    @Property(tries = 50)
    void gzipRoundTrips(@ForAll @Size(max = 5000) byte[] content) throws IOException {
        plain(List.of(content));

        assertSameMembers(Map.of("payload", content), unpack(Archives.gzip(content, "payload")));
    }
}
