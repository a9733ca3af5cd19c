package io.mmdt.knn.unpack;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Computes the mmdt hash of every member of a container and then of the container itself,
 * so that classification can match the content that compression hides.
 *
 * <p>Results come in the order of {@link Unpacker}: members depth first, each nested
 * container after its own members, and the input last. An input that is not a container
 * yields only its own hash. Each member's hash equals the hash of the same bytes stored as
 * a plain file.
 *
 * <p>Instances are immutable and thread-safe when the consumer is.
 *
 * <pre>{@code
 * ContainerHasher hasher = new ContainerHasher();
 * hasher.hash(Path.of("app.jar"), result ->
 *         System.out.println(result.hash() + "  " + result.path()));
 * // 1A2B3C4D:…  app.jar!/META-INF/MANIFEST.MF
 * // …
 * // 5E6F7A8B:…  app.jar
 * }</pre>
 */
public final class ContainerHasher {

    private final MmdtHasher hasher;
    private final Unpacker unpacker;

    /** Creates a container hasher with a new hasher and the default unpack limits. */
    public ContainerHasher() {
        this(new MmdtHasher(), new Unpacker());
    }

    /**
     * Creates a container hasher from its parts.
     *
     * @throws NullPointerException if an argument is null
     */
    public ContainerHasher(MmdtHasher hasher, Unpacker unpacker) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.unpacker = Objects.requireNonNull(unpacker, "unpacker");
    }

    /** Returns the unpacker, whose limits apply to each input. */
    public Unpacker unpacker() {
        return unpacker;
    }

    /**
     * Hashes each member of {@code file}, then {@code file} itself, and passes each result
     * to {@code consumer} as soon as it is computed. Paths start with {@code file.toString()}.
     *
     * @throws UnpackException if the file is a container that cannot be unpacked; the
     *     members already passed to {@code consumer} stay valid, and the file's own hash
     *     is not computed
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws java.nio.file.FileSystemException if the path is not a regular file
     * @throws IOException if reading fails
     */
    public void hash(Path file, Consumer<? super MemberHash> consumer) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(consumer, "consumer");
        MemberPath path = MemberPath.of(file.toString());

        unpacker.unpack(file, path, member -> consumer.accept(hashMember(member)));

        // The hasher reads the size again and fails if the file changed length meanwhile.
        long size = Files.size(file);
        MmdtHash own = hasher.hash(file);
        consumer.accept(new MemberHash(path, size, own));
    }

    /**
     * Hashes each member of {@code file}, then {@code file} itself, and returns the results
     * in that order.
     *
     * @throws IOException as {@link #hash(Path, Consumer)} does
     */
    public List<MemberHash> hashAll(Path file) throws IOException {
        List<MemberHash> results = new ArrayList<>();
        hash(file, results::add);
        return results;
    }

    /**
     * Hashes each member of data already in memory, then the data itself, like
     * {@link #hash(Path, Consumer)}.
     *
     * @param path the name of the data, the first segment of every member path
     * @throws UnpackException if the data is a container that cannot be unpacked
     * @throws IOException as the consumer throws it
     */
    public void hash(byte[] content, MemberPath path, Consumer<? super MemberHash> consumer)
            throws IOException {
        Objects.requireNonNull(consumer, "consumer");
        unpacker.unpack(content, path, member -> consumer.accept(hashMember(member)));
        consumer.accept(new MemberHash(path, content.length, hasher.hash(content)));
    }

    private MemberHash hashMember(ContainerMember member) throws IOException {
        MmdtHash hash = hasher.hash(member.content(), member.size());
        return new MemberHash(member.path(), member.size(), hash);
    }
}
