package io.mmdt.cli;

import io.mmdt.knn.store.BuildProgress;
import io.mmdt.knn.store.BuildResult;
import io.mmdt.knn.store.SampleLabels;
import io.mmdt.knn.store.StoreBuilder;
import io.mmdt.knn.store.StoreFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mmdt build}: hashes a directory of samples, labels them from a labels file and writes
 * a store. Exits with 1 if some files could not be hashed; the others are still stored.
 */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        description = {
            "Builds a labelled hash store from a directory of samples.",
            "Each regular file is hashed and labelled by its file name from the labels file; a hash is "
                    + "kept only if its spread is above --min-spread. Symbolic links inside the directory are "
                    + "not followed.",
        })
final class BuildCommand implements Callable<Integer> {

    private static final int LISTED_NAMES = 5;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SAMPLES_DIR", description = "Directory of sample files.")
    private Path samples;

    @Option(names = "--labels", required = true, paramLabel = "LABELS_CSV",
            description = "File of name,label lines: a sample's file name and its label. A first line "
                    + "'name,label', blank lines and lines starting with # are ignored.")
    private Path labelsFile;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "STORE",
            description = "Store file to write; the format follows its extension (.mmdt, .txt, .data) unless --to is set.")
    private Path output;

    @Option(names = "--to", paramLabel = "FORMAT", description = "Output format: " + StoreOutput.FORMAT_NAMES + ".")
    private String to;

    @Option(names = "--min-spread", paramLabel = "X", defaultValue = "10.0",
            description = "Keep a hash only if its spread is strictly above X (default: ${DEFAULT-VALUE}).")
    private double minSpread;

    @Option(names = {"-r", "--recursive"}, description = "Also hash the files of sub-directories.")
    private boolean recursive;

    @Option(names = "--default-label", paramLabel = "LABEL",
            description = "Label for files the labels file does not list; without it such files are skipped.")
    private String defaultLabel;

    @Option(names = "--threads", paramLabel = "N",
            description = "Number of files hashed at once (default: the number of processors).")
    private Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StoreFormat format = StoreOutput.format(spec, to, output);
        if (!Files.isDirectory(samples)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "not a directory: " + samples);
        }
        if (Double.isNaN(minSpread)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid value for --min-spread: NaN");
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "invalid value for --threads: " + threads + ", expected 1 or more");
        }
        Map<String, String> labels;
        try {
            labels = SampleLabels.read(labelsFile);
        } catch (IOException e) {
            throw new CliFailure(MmdtCommand.EXIT_USAGE, e.getMessage(), e);
        }

        StoreBuilder builder = new StoreBuilder()
                .recursive(recursive)
                .minSpread(minSpread)
                .progress(System.console() != null ? new BuildProgressBar(err) : BuildProgress.NONE);
        try {
            builder.defaultLabel(defaultLabel);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid value for --default-label: "
                    + e.getMessage());
        }
        if (threads != null) {
            builder.parallelism(threads);
        }

        BuildResult result;
        try {
            result = builder.build(samples, labels);
        } catch (IOException e) {
            err.println("mmdt: cannot list " + samples + ": " + e.getMessage());
            return MmdtCommand.EXIT_INPUT_FAILED;
        }

        report(result, err);
        if (!StoreOutput.save(spec, result.store(), output, format)) {
            return MmdtCommand.EXIT_INPUT_FAILED;
        }
        out.printf("added %s, skipped %d with spread at most %s and %d without a label, %d failed; "
                        + "wrote %s (%s)%n",
                Counts.of(result.added(), "entry", "entries"), result.lowSpread().size(), minSpread,
                result.unlabelled().size(), result.failures().size(), output, StoreOutput.name(format));
        return result.failures().isEmpty() ? 0 : MmdtCommand.EXIT_INPUT_FAILED;
    }

    private static void report(BuildResult result, PrintWriter err) {
        for (BuildResult.Failure failure : result.failures()) {
            err.println("mmdt: failed to hash " + DisplayPaths.of(failure.file()) + ": " + failure.reason());
        }
        if (!result.unlabelled().isEmpty()) {
            String names = result.unlabelled().stream()
                    .limit(LISTED_NAMES)
                    .map(file -> file.getFileName().toString())
                    .collect(Collectors.joining(", "));
            err.println("mmdt: skipped " + Counts.of(result.unlabelled().size(), "file", "files")
                    + " without a label ("
                    + names + (result.unlabelled().size() > LISTED_NAMES ? ", ..." : "")
                    + "); set --default-label to keep them");
        }
    }
}
