package io.mmdt.knn.unpack;

import java.io.InputStream;
import java.util.Objects;

/**
 * A member of a container as {@link Unpacker} passes it to a {@link MemberVisitor}: its
 * path, its exact size and its decompressed content.
 *
 * <p>The content stream is valid only during the {@link MemberVisitor#visit} call that
 * receives it. It delivers exactly {@code size} bytes, or throws an
 * {@link UnpackException} when the archive lies about the size or breaks a limit while
 * the stream is read. Closing it is allowed and has no effect. The visitor need not read
 * it to the end.
 *
 * @param path the member's path, such as {@code app.zip!/lib/b.jar!/c/C.class}
 * @param size the number of content bytes, at least 0
 * @param content the decompressed bytes of the member
 */
public record ContainerMember(MemberPath path, long size, InputStream content) {

    /**
     * Creates a member.
     *
     * @throws NullPointerException if {@code path} or {@code content} is null
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public ContainerMember {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (size < 0) {
            throw new IllegalArgumentException("member size must be at least 0, got " + size);
        }
    }
}
