package io.mmdt.knn.unpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemberPathTest {

    @Test
    void displayFormJoinsWithBangSlash() {
        MemberPath path = MemberPath.of("a.zip").resolve("b.jar").resolve("c/C.class");

        assertEquals("a.zip!/b.jar!/c/C.class", path.toString());
        assertEquals(List.of("a.zip", "b.jar", "c/C.class"), path.segments());
    }

    @Test
    void depthCountsEnclosingContainers() {
        assertEquals(0, MemberPath.of("a.zip").depth());
        assertEquals(1, MemberPath.of("a.zip").resolve("b").depth());
        assertEquals(2, MemberPath.of("a.zip").resolve("b").resolve("c").depth());
    }

    @Test
    void parentDropsLastSegment() {
        MemberPath path = MemberPath.of("a.zip").resolve("b.jar").resolve("c");

        assertEquals(MemberPath.of("a.zip").resolve("b.jar"), path.parent());
        assertEquals("c", path.name());
    }

    @Test
    void inputHasNoParent() {
        assertThrows(IllegalStateException.class, () -> MemberPath.of("a.zip").parent());
    }

    @Test
    void controlCharactersAreEscaped() {
        MemberPath path = MemberPath.of("a.zip").resolve("evil\nd41d8cd9:0000 fake.exe\u001b[2J");

        assertEquals("a.zip!/evil\\u000Ad41d8cd9:0000 fake.exe\\u001B[2J", path.toString());
    }

    @Test
    void bidiControlsAreEscaped() {
        MemberPath path = MemberPath.of("a.zip").resolve("invoice\u202Efdp.exe");

        assertEquals("a.zip!/invoice\\u202Efdp.exe", path.toString());
    }

    @Test
    void traversalNameStaysVerbatim() {
        MemberPath path = MemberPath.of("a.zip").resolve("../../etc/passwd");

        assertEquals("a.zip!/../../etc/passwd", path.toString());
        assertEquals("../../etc/passwd", path.name());
    }

    @Test
    void equalityFollowsSegments() {
        assertEquals(MemberPath.of("a").resolve("b"), MemberPath.of("a").resolve("b"));
        assertEquals(MemberPath.of("a").resolve("b").hashCode(), MemberPath.of("a").resolve("b").hashCode());
        // Both display as "a!/b!/c", but the segments differ.
        assertNotEquals(MemberPath.of("a").resolve("b!/c"), MemberPath.of("a").resolve("b").resolve("c"));
    }

    @Test
    void emptyInputNameIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> MemberPath.of(""));
    }

    @Test
    void emptyMemberNameIsAllowed() {
        assertEquals("a.zip!/", MemberPath.of("a.zip").resolve("").toString());
    }
}
