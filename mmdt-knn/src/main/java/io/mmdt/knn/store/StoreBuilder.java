package io.mmdt.knn.store;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a labelled store from a directory of samples, as python_mmdt's {@code mmdt-gen}
 * does: every regular file is hashed, labelled by its file name, and kept if its hash's
 * spread is above a minimum.
 *
 * <p>Files are hashed in parallel, but the store lists them in order of their path relative
 * to the directory, so the same directory always gives the same store. Symbolic links inside
 * the directory are never followed, neither to files nor to directories, so the build stays
 * inside the tree. The directory itself may be a symbolic link.
 * The sample id is the SHA-1 of the file's bytes, computed in the same pass as the hash.
 *
 * <p>Configure an instance with its setters, then call {@link #build}; an instance may build
 * many times but must not be reconfigured while a build runs.
 *
 * <pre>{@code
 * BuildResult result = new StoreBuilder()
 *         .recursive(true)
 *         .defaultLabel("unknown")
 *         .build(Path.of("samples"), SampleLabels.read(Path.of("labels.csv")));
 * StoreFiles.save(result.store(), Path.of("samples.mmdt"), StoreFormat.NATIVE);
 * }</pre>
 */
public final class StoreBuilder {

    private final MmdtHasher hasher = new MmdtHasher();
    private boolean recursive;
    private double minSpread = StoreMaintenance.DEFAULT_MIN_SPREAD;
    private String defaultLabel;
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private ExecutorService executor;
    private BuildProgress progress = BuildProgress.NONE;

    /** Creates a builder with the defaults: top directory only, minimum spread 10.0, no default label. */
    public StoreBuilder() {
    }

    /** Sets whether sub-directories are searched too; off by default. */
    public StoreBuilder recursive(boolean recursive) {
        this.recursive = recursive;
        return this;
    }

    /**
     * Sets the minimum spread: a hash is kept only if its spread is strictly above it; 10.0 by
     * default, as in python_mmdt.
     *
     * @throws IllegalArgumentException if {@code minSpread} is NaN
     */
    public StoreBuilder minSpread(double minSpread) {
        if (Double.isNaN(minSpread)) {
            throw new IllegalArgumentException("invalid minimum spread: NaN");
        }
        this.minSpread = minSpread;
        return this;
    }

    /**
     * Sets the label for files that the labels do not list, or null to skip such files (the
     * default). python_mmdt labels them {@code None}.
     *
     * @throws IllegalArgumentException if the label is not a valid {@link StoreEntry} label
     */
    public StoreBuilder defaultLabel(String defaultLabel) {
        if (defaultLabel != null) {
            StoreEntry.checkLabel(defaultLabel);
        }
        this.defaultLabel = defaultLabel;
        return this;
    }

    /**
     * Sets the number of threads that hash files when no executor is set; the number of
     * processors by default.
     *
     * @throws IllegalArgumentException if {@code parallelism} is not positive
     */
    public StoreBuilder parallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("invalid parallelism: " + parallelism + ", expected 1 or more");
        }
        this.parallelism = parallelism;
        return this;
    }

    /**
     * Sets the executor that hashes files, or null to use a pool of {@link #parallelism}
     * threads per build. The builder does not shut a given executor down.
     */
    public StoreBuilder executor(ExecutorService executor) {
        this.executor = executor;
        return this;
    }

    /** Sets the listener for progress reports. */
    public StoreBuilder progress(BuildProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /**
     * Hashes the files of {@code directory} and returns the store with the result counts.
     * A file that cannot be read is reported in {@link BuildResult#failures()} and does not
     * stop the build.
     *
     * @param labels file name to label, as {@link SampleLabels#read} returns
     * @throws IOException if the directory itself cannot be listed
     * @throws InterruptedException if the thread is interrupted; the pending files are cancelled
     */
    public BuildResult build(Path directory, Map<String, String> labels) throws IOException, InterruptedException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(labels, "labels");
        List<BuildResult.Failure> failures = new ArrayList<>();
        List<Path> files = listFiles(directory, failures);

        List<Path> unlabelled = new ArrayList<>();
        List<Path> toHash = new ArrayList<>();
        List<String> fileLabels = new ArrayList<>();
        int done = 0;
        for (Path file : files) {
            String label = labels.getOrDefault(file.getFileName().toString(), defaultLabel);
            if (label == null) {
                unlabelled.add(file);
                progress.fileDone(++done, files.size(), file);
            } else {
                toHash.add(file);
                fileLabels.add(label);
            }
        }

        Outcome[] outcomes = hashAll(toHash, done, files.size());

        HashStore store = new HashStore(toHash.size());
        List<Path> lowSpread = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            Outcome outcome = outcomes[i];
            if (outcome.failure != null) {
                failures.add(new BuildResult.Failure(toHash.get(i), outcome.failure));
            } else if (outcome.hash.spread() > minSpread) {
                store.append(outcome.hash, fileLabels.get(i), outcome.sha1);
            } else {
                lowSpread.add(toHash.get(i));
            }
        }
        store.trimToSize();
        return new BuildResult(store, lowSpread, unlabelled, failures);
    }

    private Outcome[] hashAll(List<Path> files, int doneBefore, int total) throws InterruptedException {
        ExecutorService pool = executor != null ? executor : Executors.newFixedThreadPool(parallelism, daemonThreads());
        CompletionService<Integer> completion = new ExecutorCompletionService<>(pool);
        Outcome[] outcomes = new Outcome[files.size()];
        List<Future<Integer>> futures = new ArrayList<>(files.size());
        try {
            for (int i = 0; i < files.size(); i++) {
                int position = i;
                futures.add(completion.submit(() -> {
                    outcomes[position] = hashOne(files.get(position));
                    return position;
                }));
            }
            int done = doneBefore;
            for (int i = 0; i < files.size(); i++) {
                int position = completion.take().get();
                progress.fileDone(++done, total, files.get(position));
            }
        } catch (ExecutionException e) {
            // hashOne catches every exception it expects, so this is a bug or an Error.
            throw new IllegalStateException("hashing failed unexpectedly", e.getCause());
        } finally {
            for (Future<Integer> future : futures) {
                future.cancel(true);
            }
            if (pool != executor) {
                pool.shutdownNow();
            }
        }
        // The completion service's take() happens after each task's writes, so every
        // outcome is visible here.
        return outcomes;
    }

    private Outcome hashOne(Path file) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            long size = Files.size(file);
            MmdtHash hash;
            try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), sha1)) {
                hash = hasher.hash(in, size);
            }
            return new Outcome(hash, HexFormat.of().formatHex(sha1.digest()), null);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return new Outcome(null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }

    /** Lists the regular files, sorted; unreadable sub-directories go to {@code failures}. */
    private List<Path> listFiles(Path directory, List<BuildResult.Failure> failures) throws IOException {
        List<Path> files = new ArrayList<>();
        int depth = recursive ? Integer.MAX_VALUE : 1;
        // The directory itself is followed when it is a symbolic link, because the caller named
        // it; files are then listed under the name given.
        Path start = Files.isSymbolicLink(directory) ? directory.toRealPath() : directory;
        Function<Path, Path> underDirectory = file -> directory.resolve(start.relativize(file));
        Files.walkFileTree(start, EnumSet.noneOf(java.nio.file.FileVisitOption.class), depth,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (attributes.isRegularFile()) {
                            files.add(underDirectory.apply(file));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (file.equals(start)) {
                            throw e;
                        }
                        failures.add(new BuildResult.Failure(underDirectory.apply(file),
                                e.getClass().getSimpleName() + ": " + e.getMessage()));
                        return FileVisitResult.CONTINUE;
                    }
                });
        files.sort(Comparator.comparing(file -> relativeKey(directory, file)));
        return files;
    }

    /** Returns the path relative to {@code directory} with '/' separators, the sort key. */
    private static String relativeKey(Path directory, Path file) {
        StringBuilder key = new StringBuilder();
        for (Path part : directory.relativize(file)) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(part);
        }
        return key.toString();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "mmdt-store-build-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The hash and SHA-1 of one file, or the reason it failed. */
    private record Outcome(MmdtHash hash, String sha1, String failure) {
    }
}
