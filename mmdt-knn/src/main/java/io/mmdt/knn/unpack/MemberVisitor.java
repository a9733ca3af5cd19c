package io.mmdt.knn.unpack;

import java.io.IOException;

/**
 * Receives the members of a container from {@link Unpacker}, one call per member, in
 * archive order. A nested container's members come before the nested container itself.
 */
@FunctionalInterface
public interface MemberVisitor {

    /**
     * Processes one member. The member's content stream is valid only during this call.
     *
     * @throws IOException to stop unpacking; {@link Unpacker} rethrows it unchanged
     */
    void visit(ContainerMember member) throws IOException;
}
