package io.mmdt.knn.unpack;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when a container cannot be unpacked: it breaks one of the {@link UnpackLimits}, it
 * is corrupt or truncated, or it contains a member that this package cannot decompress. The
 * exception names the innermost container at fault and, where one is involved, the member.
 *
 * <p>The whole input fails, because its member list would be incomplete. Members already
 * passed to the {@link MemberVisitor} stay valid. A caller scanning many inputs reports
 * this one and goes on with the next.
 */
public final class UnpackException extends IOException {

    /** The cause of an unpack failure. */
    public enum Reason {
        /** More bytes than {@link UnpackLimits#maxTotalBytes()}. */
        TOTAL_BYTES_LIMIT(true),
        /** More members than {@link UnpackLimits#maxMembers()}. */
        MEMBER_COUNT_LIMIT(true),
        /** A stream decompressed beyond {@link UnpackLimits#maxCompressionRatio()}. */
        COMPRESSION_RATIO_LIMIT(true),
        /** A container nested deeper than {@link UnpackLimits#maxDepth()}. */
        DEPTH_LIMIT(true),
        /** A member that must be held in memory is larger than {@link UnpackLimits#maxBufferedBytes()}. */
        BUFFER_LIMIT(true),
        /** The container is corrupt or truncated, or a member's size differs from the declared one. */
        CORRUPT(false),
        /** A member is encrypted. */
        ENCRYPTED(false),
        /** A member uses a compression method that this package cannot decompress. */
        UNSUPPORTED_METHOD(false);

        private final boolean limit;

        Reason(boolean limit) {
            this.limit = limit;
        }

        /** Returns whether raising one of the {@link UnpackLimits} may let the input pass. */
        public boolean isLimit() {
            return limit;
        }
    }

    private final MemberPath container;
    private final String member;
    private final Reason reason;

    /**
     * Creates an exception whose message is the container's display path, the member if
     * any, and {@code detail}.
     *
     * @param container the innermost container at fault
     * @param member the member's name inside {@code container}, or null when no single
     *     member is at fault
     * @param reason why unpacking failed
     * @param detail what went wrong, in words
     * @param cause the underlying error, or null
     */
    public UnpackException(MemberPath container, String member, Reason reason, String detail,
            Throwable cause) {
        super(message(container, member, detail), cause);
        this.container = Objects.requireNonNull(container, "container");
        this.member = member;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns the path of the innermost container at fault. */
    public MemberPath container() {
        return container;
    }

    /** Returns the name of the member at fault inside {@link #container()}, if one is. */
    public Optional<String> member() {
        return Optional.ofNullable(member);
    }

    /** Returns the full path of the member at fault, or the container's path if none is. */
    public MemberPath path() {
        return member == null ? container : container.resolve(member);
    }

    /** Returns why unpacking failed. */
    public Reason reason() {
        return reason;
    }

    private static String message(MemberPath container, String member, String detail) {
        MemberPath where = member == null ? container : container.resolve(member);
        return where + ": " + detail;
    }
}
