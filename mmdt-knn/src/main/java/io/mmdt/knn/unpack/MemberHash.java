package io.mmdt.knn.unpack;

import io.mmdt.core.MmdtHash;
import java.util.Objects;

/**
 * The mmdt hash of one container member, or of an input itself.
 *
 * @param path the member's path, such as {@code app.zip!/lib/b.jar}; at depth 0 for an input
 * @param size the number of bytes hashed
 * @param hash the mmdt hash of those bytes, equal to the hash of the same bytes as a file
 */
public record MemberHash(MemberPath path, long size, MmdtHash hash) {

    /**
     * Creates a member hash.
     *
     * @throws NullPointerException if {@code path} or {@code hash} is null
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public MemberHash {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(hash, "hash");
        if (size < 0) {
            throw new IllegalArgumentException("size must be at least 0, got " + size);
        }
    }
}
