package io.mmdt.knn.unpack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Walks a container and passes each member's decompressed bytes to a {@link MemberVisitor},
 * recursing into nested containers up to a depth limit.
 *
 * <p>Formats are those of {@link ContainerFormat}, detected by magic bytes at every level:
 * ZIP (with JAR, APK, DOCX, ODF, JDK jmod files and the rest), tar, gzip and
 * gzip-compressed tar. The input itself, but not a member, is also a ZIP when it ends with
 * one, as a self-extracting archive does. Members
 * are only ever held in memory and streamed. Nothing is written to disk, so a member name
 * such as {@code ../../etc/passwd} is only a name. Empty directory entries, links and other
 * entries without content are not members.
 *
 * <p>Order: members in archive order (the central directory's order for ZIP), depth first.
 * A nested container's members come first, then the nested container itself as a member
 * with its own bytes. The input itself is not passed to the visitor.
 *
 * <p>Hostile input is bounded by {@link UnpackLimits}. When a limit is broken, or the data
 * is corrupt, truncated, encrypted or compressed with an unsupported method, the call
 * throws an {@link UnpackException} that names the container, the member and the limit.
 *
 * <p>Instances are immutable and thread-safe, because each call keeps its own counters.
 *
 * <pre>{@code
 * Unpacker unpacker = new Unpacker();
 * unpacker.unpack(Path.of("app.apk"), member ->
 *         System.out.println(member.path() + " " + member.size()));
 * }</pre>
 */
public final class Unpacker {

    private final UnpackLimits limits;

    /** Creates an unpacker with the {@linkplain UnpackLimits#defaults() default limits}. */
    public Unpacker() {
        this(UnpackLimits.defaults());
    }

    /**
     * Creates an unpacker with the given limits.
     *
     * @throws NullPointerException if {@code limits} is null
     */
    public Unpacker(UnpackLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Returns the limits that every call applies. */
    public UnpackLimits limits() {
        return limits;
    }

    /**
     * Detects the container format of a file from its first bytes, or, when they show no
     * format, from its end: a file that ends with a readable ZIP, such as a self-extracting
     * archive, is {@link ContainerFormat#ZIP}.
     *
     * @return the format, or empty when the file is not a container
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws FileSystemException if the path is a directory, FIFO, socket or device
     * @throws IOException if the file cannot be read; the message names the path
     */
    public static Optional<ContainerFormat> detect(Path file) throws IOException {
        // Checked before opening, so that a FIFO never blocks the call.
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, "not a regular file; not unpacked");
        }
        Optional<ContainerFormat> format;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(ContainerFormat.DETECTION_BYTES);
            format = ContainerFormat.detect(head, head.length);
        }
        if (format.isEmpty() && TrailingZip.endsWithZip(Files.newByteChannel(file))) {
            return Optional.of(ContainerFormat.ZIP);
        }
        return format;
    }

    /**
     * Unpacks {@code file} if it is a container, passing each member to {@code visitor}.
     * Member paths start with {@code file.toString()}. A file that is not a container has
     * no members: the visitor is not called.
     *
     * @return the file's container format, or empty when it is not a container
     * @throws UnpackException if a limit is broken or a container cannot be unpacked;
     *     members visited before that stay visited
     * @throws IOException if the file cannot be read, or as thrown by the visitor
     */
    public Optional<ContainerFormat> unpack(Path file, MemberVisitor visitor) throws IOException {
        return unpack(file, MemberPath.of(file.toString()), visitor);
    }

    /**
     * Unpacks {@code file} like {@link #unpack(Path, MemberVisitor)}, with member paths that
     * start with {@code path} instead of the file name. The depth limit counts from
     * {@code path}'s depth, which is normally 0.
     *
     * @throws IOException as {@link #unpack(Path, MemberVisitor)} does
     */
    public Optional<ContainerFormat> unpack(Path file, MemberPath path, MemberVisitor visitor)
            throws IOException {
        Objects.requireNonNull(visitor, "visitor");
        Optional<ContainerFormat> format = detect(file);
        if (format.isPresent()) {
            new ContainerWalk(limits, visitor).walkFile(file, path, format.get());
        }
        return format;
    }

    /**
     * Unpacks data already in memory, such as an upload, like
     * {@link #unpack(Path, MemberVisitor)}. The array must not change during the call.
     *
     * @param path the name of the data, the first segment of every member path
     * @throws IOException as {@link #unpack(Path, MemberVisitor)} does
     */
    public Optional<ContainerFormat> unpack(byte[] content, MemberPath path, MemberVisitor visitor)
            throws IOException {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(visitor, "visitor");
        int headLength = Math.min(content.length, ContainerFormat.DETECTION_BYTES);
        Optional<ContainerFormat> format = ContainerFormat.detect(content, headLength);
        if (format.isEmpty() && TrailingZip.endsWithZip(new SeekableInMemoryByteChannel(content))) {
            format = Optional.of(ContainerFormat.ZIP);
        }
        if (format.isPresent()) {
            new ContainerWalk(limits, visitor).walkBytes(content, path, format.get());
        }
        return format;
    }
}
