package io.mmdt.knn.unpack;

import io.mmdt.knn.unpack.UnpackException.Reason;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * One call of {@link Unpacker}: walks an input and its nested containers depth first,
 * passes each member to the visitor and keeps the counters that the limits apply to.
 * A walk is not thread-safe, so each call creates its own.
 */
final class ContainerWalk implements MeteredInputStream.ByteBudget {

    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final UnpackLimits limits;
    private final MemberVisitor visitor;
    private long totalBytes;
    private int members;

    ContainerWalk(UnpackLimits limits, MemberVisitor visitor) {
        this.limits = limits;
        this.visitor = visitor;
    }

    @Override
    public void charge(long bytes, MemberPath container, String member) throws UnpackException {
        totalBytes += bytes;
        if (totalBytes > limits.maxTotalBytes()) {
            throw new UnpackException(container, member, Reason.TOTAL_BYTES_LIMIT,
                    "unpacked bytes exceed the limit of " + limits.maxTotalBytes()
                            + " bytes for one input (UnpackLimits.maxTotalBytes)", null);
        }
    }

    /** Walks the container in {@code file}, whose format is already detected. */
    void walkFile(Path file, MemberPath path, ContainerFormat format) throws IOException {
        switch (format) {
            case ZIP -> {
                ZipFile zip = openZip(path, () -> ZipFile.builder().setPath(file).get());
                try (zip) {
                    walkZip(zip, path);
                }
            }
            case TAR, GZIP -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), COPY_BUFFER_BYTES)) {
                    walkStream(in, path, format);
                }
            }
        }
    }

    /** Walks the container held in {@code bytes}, whose format is already detected. */
    void walkBytes(byte[] bytes, MemberPath path, ContainerFormat format) throws IOException {
        if (format == ContainerFormat.ZIP) {
            ZipFile zip = openZip(path, () -> ZipFile.builder()
                    .setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes))
                    .get());
            try (zip) {
                walkZip(zip, path);
            }
        } else {
            walkStream(new ByteArrayInputStream(bytes), path, format);
        }
    }

    private void walkStream(InputStream in, MemberPath path, ContainerFormat format) throws IOException {
        if (format == ContainerFormat.TAR) {
            walkTar(in, path);
        } else {
            walkGzip(in, path);
        }
    }

    // ---- ZIP ----

    private interface ZipOpener {
        ZipFile open() throws IOException;
    }

    private static ZipFile openZip(MemberPath path, ZipOpener opener) throws UnpackException {
        try {
            return opener.open();
        } catch (IOException | RuntimeException e) {
            throw new UnpackException(path, null, Reason.CORRUPT,
                    "cannot read ZIP central directory: " + describe(e), e);
        }
    }

    private void walkZip(ZipFile zip, MemberPath path) throws IOException {
        // The central directory lists each entry with its sizes, so members stream without
        // buffering even where the local header defers the sizes to a data descriptor.
        // Limitation: entries that only the local headers list, as in a ZIP whose central
        // directory was cut off or forged, are not seen.
        Enumeration<ZipArchiveEntry> entries = zip.getEntries();
        while (entries.hasMoreElements()) {
            ZipArchiveEntry entry = entries.nextElement();
            // A directory entry with content is read anyway, so that a name ending in '/'
            // cannot hide data from the scan.
            if (entry.isDirectory() && entry.getSize() == 0) {
                continue;
            }
            String name = entry.getName();
            countMember(path, name);
            if (entry.getGeneralPurposeBit().usesEncryption()) {
                throw new UnpackException(path, name, Reason.ENCRYPTED,
                        "member is encrypted, so its content cannot be read", null);
            }
            if (!zip.canReadEntryData(entry)) {
                throw new UnpackException(path, name, Reason.UNSUPPORTED_METHOD,
                        "member uses compression method " + methodName(entry.getMethod())
                                + ", which is not supported", null);
            }
            if (entry.getSize() < 0) {
                throw new UnpackException(path, name, Reason.CORRUPT,
                        "central directory has no size for the member", null);
            }

            InputStream raw = openZipEntry(zip, entry, path);
            try (raw) {
                LongSupplier compressed = raw instanceof InputStreamStatistics statistics
                        ? statistics::getCompressedCount
                        : entry::getCompressedSize;
                visitMember(path, name, raw, entry.getSize(), compressed);
            }
        }
    }

    private static InputStream openZipEntry(ZipFile zip, ZipArchiveEntry entry, MemberPath path)
            throws UnpackException {
        try {
            return zip.getInputStream(entry);
        } catch (IOException | RuntimeException e) {
            throw new UnpackException(path, entry.getName(), Reason.CORRUPT,
                    "cannot open member: " + describe(e), e);
        }
    }

    private static String methodName(int method) {
        ZipMethod known = ZipMethod.getMethodByCode(method);
        return known == null ? String.valueOf(method) : method + " (" + known + ")";
    }

    // ---- TAR ----

    private void walkTar(InputStream in, MemberPath path) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        while (true) {
            TarArchiveEntry entry = nextTarEntry(tar, path);
            if (entry == null) {
                return;
            }
            if (hasNoContent(entry)) {
                continue;
            }
            String name = entry.getName();
            countMember(path, name);
            if (entry.isSparse()) {
                // Limitation: the hash of a sparse member would need its holes filled in,
                // which the tar reader does not do for every sparse format.
                throw new UnpackException(path, name, Reason.UNSUPPORTED_METHOD,
                        "sparse tar members are not supported", null);
            }
            visitMember(path, name, tar, entry.getSize(), null);
        }
    }

    /**
     * Returns whether a tar entry is a directory, link or special file without data. Such an
     * entry that carries data anyway is read, so that its type cannot hide data from the scan.
     */
    private static boolean hasNoContent(TarArchiveEntry entry) {
        boolean special = entry.isDirectory() || entry.isSymbolicLink() || entry.isLink()
                || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO();
        return special && entry.getSize() == 0;
    }

    private static TarArchiveEntry nextTarEntry(TarArchiveInputStream tar, MemberPath path)
            throws UnpackException {
        try {
            return tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw new UnpackException(path, null, Reason.CORRUPT,
                    "cannot read tar header: " + describe(e), e);
        }
    }

    // ---- gzip ----

    private void walkGzip(InputStream in, MemberPath path) throws IOException {
        GzipCompressorInputStream gzip;
        try {
            gzip = GzipCompressorInputStream.builder()
                    .setInputStream(in)
                    .setDecompressConcatenated(true)
                    .get();
        } catch (IOException | RuntimeException e) {
            throw new UnpackException(path, null, Reason.CORRUPT,
                    "cannot read gzip header: " + describe(e), e);
        }

        try (gzip) {
            String name = gzipMemberName(gzip, path);
            MeteredInputStream data = new MeteredInputStream(gzip, path, null,
                    MeteredInputStream.UNKNOWN_SIZE, gzip::getCompressedCount, limits, null);
            byte[] head = data.readNBytes(ContainerFormat.DETECTION_BYTES);
            InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), data);

            // A compressed tar is one layer: its members are the gzip file's members.
            if (ContainerFormat.detect(head, head.length).orElse(null) == ContainerFormat.TAR) {
                walkTar(whole, path);
            } else {
                visitMember(path, name, whole, MeteredInputStream.UNKNOWN_SIZE, null);
            }
        }
    }

    /**
     * Returns the name stored in the gzip header, or else the container's name without its
     * {@code .gz} suffix, as {@code gunzip} would name the output.
     */
    private static String gzipMemberName(GzipCompressorInputStream gzip, MemberPath path) {
        String stored = gzip.getMetaData().getFileName();
        if (stored != null && !stored.isEmpty()) {
            return stored;
        }
        String container = path.name();
        int slash = Math.max(container.lastIndexOf('/'), container.lastIndexOf('\\'));
        String base = container.substring(slash + 1);
        String lower = base.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz") && base.length() > 3) {
            return base.substring(0, base.length() - 3);
        }
        return base;
    }

    // ---- members ----

    private void countMember(MemberPath container, String name) throws UnpackException {
        members++;
        if (members > limits.maxMembers()) {
            throw new UnpackException(container, name, Reason.MEMBER_COUNT_LIMIT,
                    "input has more than the limit of " + limits.maxMembers()
                            + " members (UnpackLimits.maxMembers)", null);
        }
    }

    /**
     * Passes one member to the visitor. A member that is itself a container is read into
     * memory, walked, and then passed on. Any other member streams straight to the visitor
     * when its size is known, and is read into memory first when it is not.
     *
     * @param size the declared size, or {@link MeteredInputStream#UNKNOWN_SIZE}
     * @param compressed the compressed bytes consumed so far, or null if not compressed
     */
    private void visitMember(MemberPath container, String name, InputStream content, long size,
            LongSupplier compressed) throws IOException {
        MemberPath path = container.resolve(name);
        if (size > limits.maxTotalBytes() - totalBytes) {
            // Only an early exit: the metered stream enforces the limit on the real count.
            throw new UnpackException(container, name, Reason.TOTAL_BYTES_LIMIT,
                    "declared size of " + size + " bytes exceeds the " + (limits.maxTotalBytes() - totalBytes)
                            + " bytes left of the limit of " + limits.maxTotalBytes()
                            + " bytes for one input (UnpackLimits.maxTotalBytes)",
                    null);
        }
        MeteredInputStream metered = new MeteredInputStream(
                content, container, name, size, compressed, limits, this);
        byte[] head = metered.readNBytes(ContainerFormat.DETECTION_BYTES);
        Optional<ContainerFormat> format = ContainerFormat.detect(head, head.length);

        if (format.isPresent()) {
            if (path.depth() >= limits.maxDepth()) {
                throw new UnpackException(container, name, Reason.DEPTH_LIMIT,
                        "nested " + format.get() + " container exceeds the depth limit of "
                                + limits.maxDepth() + " (UnpackLimits.maxDepth)", null);
            }
            byte[] bytes = readFully(head, metered, container, name);
            walkBytes(bytes, path, format.get());
            visitor.visit(new ContainerMember(path, bytes.length, new ByteArrayInputStream(bytes)));
            return;
        }
        if (size == MeteredInputStream.UNKNOWN_SIZE) {
            byte[] bytes = readFully(head, metered, container, name);
            visitor.visit(new ContainerMember(path, bytes.length, new ByteArrayInputStream(bytes)));
            return;
        }

        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), metered);
        visitor.visit(new ContainerMember(path, size, whole));
        if (metered.count() == size) {
            // The visitor read everything, so one more read reports a member longer than declared.
            metered.read();
        }
    }

    /** Returns {@code head} followed by the rest of {@code rest}, within the buffer limit. */
    private byte[] readFully(byte[] head, InputStream rest, MemberPath container, String name)
            throws IOException {
        int max = limits.maxBufferedBytes();
        // The head, read to detect the format, may alone exceed a limit below its size.
        if (head.length > max) {
            throw bufferLimit(container, name, max);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(head.length, 8192));
        out.write(head);
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        while (true) {
            int room = max - out.size();
            // Ask for one byte beyond the room, so that reaching the limit exactly passes.
            int n = rest.read(buffer, 0, (int) Math.min(buffer.length, room + 1L));
            if (n < 0) {
                return out.toByteArray();
            }
            if (n > room) {
                throw bufferLimit(container, name, max);
            }
            out.write(buffer, 0, n);
        }
    }

    private static UnpackException bufferLimit(MemberPath container, String name, int max) {
        return new UnpackException(container, name, Reason.BUFFER_LIMIT,
                "member must be held in memory but is larger than the limit of "
                        + max + " bytes (UnpackLimits.maxBufferedBytes)", null);
    }

    /** Returns the exception's message, or a description of its type when it has none. */
    static String describe(Throwable e) {
        if (e instanceof EOFException && e.getMessage() == null) {
            return "unexpected end of data";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
