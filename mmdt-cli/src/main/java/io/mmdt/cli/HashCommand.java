package io.mmdt.cli;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mmdt hash}: prints one {@code HASH  PATH} line per file, like {@code sha256sum}.
 */
@Command(
        name = "hash",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the mmdt hash of each file as 'HASH  PATH'.",
            "Exit code 0 when every file was hashed, 1 when some could not be, 2 for a usage error."
        })
final class HashCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-r", "--recursive"}, description = "Hash the files in directories and their subdirectories.")
    private boolean recursive;

    @Option(names = {"-j", "--threads"}, paramLabel = "N",
            description = "Number of files hashed in parallel (default: the number of processors).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-v", "--verbose"}, description = "List each symbolic link skipped during -r walks.")
    private boolean verbose;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, or directories with -r.")
    private List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> skipped = new java.util.ArrayList<>();
        List<FileWalker.Item> items = FileWalker.expand(paths, recursive, skipped::add);
        reportSkipped(skipped, verbose, err);

        MmdtHasher hasher = new MmdtHasher();
        boolean[] failed = {false};
        ParallelHashing.run(items, Math.max(1, threads), hasher::hash, (item, result) -> {
            if (result.hash() != null) {
                out.println(format(result.hash(), item.path()));
            } else {
                err.println("mmdt: " + item.path() + ": " + result.error());
                failed[0] = true;
            }
            out.flush();
        });
        return failed[0] ? MmdtCommand.EXIT_INPUT_FAILED : 0;
    }

    /** Prints the skipped links, or only their number unless {@code verbose}. */
    static void reportSkipped(List<String> skipped, boolean verbose, PrintWriter err) {
        if (verbose) {
            skipped.forEach(line -> err.println("mmdt: " + line));
        } else if (!skipped.isEmpty()) {
            err.println("mmdt: skipped " + skipped.size() + " symbolic links that point outside the tree"
                    + " or are broken (use -v to list them)");
        }
    }

    static String format(MmdtHash hash, Path path) {
        return hash + "  " + path;
    }
}
