package io.mmdt.cli;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.Classifier;
import io.mmdt.knn.classify.KnnClassifier;
import io.mmdt.knn.classify.SimpleClassifier;
import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.unpack.ContainerClassifier;
import io.mmdt.knn.unpack.ContainerHasher;
import io.mmdt.knn.unpack.UnpackLimits;
import io.mmdt.knn.unpack.Unpacker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mmdt classify}: classifies files, or hashes listed in a file, against a labelled
 * store, and prints one result per input.
 */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Classifies files, or hashes read with --hashes, against a labelled store.",
            "Prints one JSON object per input and line (or a table with --format table).",
            "Exit code 0 when every input was classified, 1 when some could not be, 2 for a usage error."
        })
final class ClassifyCommand implements Callable<Integer> {

    /** The classification methods; {@code knn} matches python_mmdt's {@code -c 2}, {@code simple} its {@code -c 1}. */
    enum Method { knn, simple }

    /** The output formats. */
    enum Format { json, table }

    @Spec
    private CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "STORE",
            description = "Labelled store file in any supported format.")
    private Path storePath;

    @Option(names = {"-t", "--threshold"}, paramLabel = "SIM", defaultValue = "0.95",
            description = "Similarity a neighbour must be strictly above, in [0, 1] (default: ${DEFAULT-VALUE}).")
    private double threshold;

    @Option(names = {"-k"}, paramLabel = "K", defaultValue = "10",
            description = "Maximum number of neighbours listed (default: ${DEFAULT-VALUE}).")
    private int k;

    @Option(names = {"-m", "--method"}, paramLabel = "METHOD", defaultValue = "knn",
            description = "knn: nearest entries of the whole store; simple: only entries with the "
                    + "query's 4-byte index (default: ${DEFAULT-VALUE}).")
    private Method method;

    @Option(names = "--hashes", paramLabel = "FILE",
            description = "Read hashes, one per line, from FILE ('-' for standard input) instead of hashing files. "
                    + "Blank lines and lines starting with '#' are skipped.")
    private String hashesFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json: one JSON object per line; table: a block of text per input (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = {"-r", "--recursive"}, description = "Classify the files in directories and their subdirectories.")
    private boolean recursive;

    @Option(names = {"-j", "--threads"}, paramLabel = "N",
            description = "Number of files hashed in parallel (default: the number of processors).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--unpack",
            description = "Also classify each member of ZIP, JAR, APK, DOCX, tar and gzip files, nested ones too,"
                    + " and give each file the verdict of its member most similar to a stored entry.")
    private boolean unpack;

    @picocli.CommandLine.Mixin
    private UnpackLimitOptions limits;

    /** The unpack limits from the options, or null without {@code --unpack}. */
    private UnpackLimits unpackLimits;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files, or directories with -r.")
    private List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        checkOptions();
        HashStore store = StoreLoader.load(spec, storePath);
        Classifier classifier = method == Method.knn
                ? KnnClassifier.builder(store).k(k).threshold(threshold).build()
                : SimpleClassifier.builder(store).k(k).threshold(threshold).build();
        ClassificationPrinter printer = new ClassificationPrinter(spec.commandLine().getOut(), format == Format.table);

        boolean failed = hashesFile != null
                ? classifyListedHashes(classifier, printer)
                : classifyFiles(classifier, printer);
        return failed ? MmdtCommand.EXIT_INPUT_FAILED : 0;
    }

    private void checkOptions() {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw usage("invalid threshold " + threshold + ": expected a similarity in [0, 1], such as 0.95");
        }
        if (k < 1) {
            throw usage("invalid value for -k: " + k + ": expected at least 1");
        }
        if (hashesFile != null && !paths.isEmpty()) {
            throw usage("give either files or --hashes, not both");
        }
        if (hashesFile != null && unpack) {
            throw usage("--unpack needs files, not --hashes");
        }
        // Checked before the store is loaded, which can take seconds.
        unpackLimits = limits.forCommand(spec, unpack);
        if (hashesFile == null && paths.isEmpty()) {
            throw usage("missing input: give files to classify, or --hashes FILE");
        }
        if (threads < 1) {
            throw usage("invalid value for --threads: " + threads + ": expected at least 1");
        }
    }

    /** Hashes and classifies the files; returns whether any failed. */
    private boolean classifyFiles(Classifier classifier, ClassificationPrinter printer) {
        PrintWriter err = spec.commandLine().getErr();
        List<String> skipped = new ArrayList<>();
        List<FileWalker.Item> items = FileWalker.expand(paths, recursive, skipped::add);
        HashCommand.reportSkipped(skipped, false, err);

        MmdtHasher hasher = new MmdtHasher();
        if (unpack) {
            ContainerClassifier containers = new ContainerClassifier(
                    new ContainerHasher(hasher, new Unpacker(unpackLimits)), classifier);
            return !UnpackedClassifying.run(items, threads, containers, printer, err);
        }
        boolean[] failed = {false};
        ParallelHashing.run(items, threads, hasher::hash, (item, result) -> {
            if (result.hash() != null) {
                printer.print(DisplayPaths.of(item.path()), result.hash(), classifier.classify(result.hash()));
            } else {
                err.println("mmdt: " + DisplayPaths.of(item.path()) + ": " + result.error());
                err.flush();
                failed[0] = true;
            }
        });
        return failed[0];
    }

    /** Classifies the hashes listed in {@link #hashesFile}; returns whether any line was invalid. */
    private boolean classifyListedHashes(Classifier classifier, ClassificationPrinter printer) {
        PrintWriter err = spec.commandLine().getErr();
        String source = hashesFile.equals("-") ? "standard input" : hashesFile;
        boolean failed = false;
        try (BufferedReader reader = openHashes()) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                if (!MmdtHash.isValid(text)) {
                    err.println("mmdt: " + source + ":" + lineNumber + ": invalid mmdt hash \"" + abbreviate(text)
                            + "\", expected IIIIIIII:MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM (hex digits)");
                    err.flush();
                    failed = true;
                    continue;
                }
                MmdtHash hash = MmdtHash.parse(text);
                printer.print(text, hash, classifier.classify(hash));
            }
        } catch (NoSuchFileException e) {
            throw new CliFailure(MmdtCommand.EXIT_USAGE, "hash list not found: " + source);
        } catch (java.nio.file.FileSystemException e) {
            // A directory, FIFO or device given as the list is a bad argument, not a read failure.
            throw new CliFailure(MmdtCommand.EXIT_USAGE, "cannot read hash list " + source + ": " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new CliFailure(MmdtCommand.EXIT_INPUT_FAILED, "cannot read hash list " + source + ": " + e.getMessage(), e);
        }
        return failed;
    }

    private BufferedReader openHashes() throws IOException {
        if (hashesFile.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        Path file = Path.of(hashesFile);
        io.mmdt.knn.store.RegularFiles.requireRegularFile(file, "hash list");
        // Decoded leniently, like standard input, so a line that is not UTF-8 is reported by
        // number as an invalid hash and the other lines still run.
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
