package io.mmdt.knn.unpack;

import static io.mmdt.knn.unpack.Archives.members;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ContainerFormatTest {

    private static Optional<ContainerFormat> detect(byte[] data) {
        return ContainerFormat.detect(data, Math.min(data.length, ContainerFormat.DETECTION_BYTES));
    }

    @Test
    void zipIsDetectedByLocalHeader() {
        assertEquals(Optional.of(ContainerFormat.ZIP), detect(Archives.zip(members("a", "b"))));
    }

    @Test
    void jmodHeaderBeforeZipIsDetected() {
        byte[] head = {'J', 'M', 1, 0, 'P', 'K', 3, 4, 20, 0};
        byte[] otherHeader = {'J', 'M', 1, 0, 'X', 'X', 3, 4, 20, 0};

        assertEquals(Optional.of(ContainerFormat.ZIP), ContainerFormat.detect(head, head.length));
        assertEquals(Optional.empty(), ContainerFormat.detect(otherHeader, otherHeader.length));
    }

    @Test
    void emptyZipIsDetected() {
        assertEquals(Optional.of(ContainerFormat.ZIP), detect(Archives.zip(members())));
    }

    @Test
    void gzipIsDetected() {
        assertEquals(Optional.of(ContainerFormat.GZIP), detect(Archives.gzip(new byte[10])));
    }

    @Test
    void ustarIsDetected() {
        assertEquals(Optional.of(ContainerFormat.TAR), detect(Archives.tar(members("a", "b"))));
    }

    @Test
    void oldStyleTarIsDetected() {
        assertEquals(Optional.of(ContainerFormat.TAR), detect(Archives.oldStyleTar(members("a", "b"))));
    }

    @Test
    void damagedOldStyleChecksumIsNotTar() {
        byte[] tar = Archives.oldStyleTar(members("a", "b"));
        tar[0] = 'z';

        assertEquals(Optional.empty(), detect(tar));
    }

    @Test
    void shortInputsAreNotContainers() {
        assertEquals(Optional.empty(), detect(new byte[0]));
        assertEquals(Optional.empty(), detect(new byte[] {'P', 'K', 3}));
        assertEquals(Optional.empty(), detect(new byte[] {0x1f, (byte) 0x8b}));
    }

    @Test
    void zeroBlockIsNotTar() {
        assertEquals(Optional.empty(), detect(new byte[1024]));
    }

    @Property
    void randomDataIsNotTar(@ForAll @Size(min = 512, max = 512) byte[] data) {
        // With the magic bytes ruled out, only a valid header checksum could make this a tar.
        data[257] = 0;
        data[0] = 'x';

        assertEquals(Optional.empty(), detect(data));
    }
}
