package io.mmdt.cli;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import io.mmdt.knn.unpack.ContainerHasher;
import io.mmdt.knn.unpack.UnpackLimits;
import io.mmdt.knn.unpack.Unpacker;
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

    @Option(names = "--unpack",
            description = "Also hash each member of ZIP, JAR, APK, DOCX, tar and gzip files, nested ones too,"
                    + " as 'HASH  CONTAINER!/MEMBER' lines before the container's own line.")
    private boolean unpack;

    @picocli.CommandLine.Mixin
    private UnpackLimitOptions limits;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, or directories with -r.")
    private List<Path> paths;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "invalid value for --threads: " + threads + " (expected 1 or more)");
        }
        UnpackLimits unpackLimits = limits.forCommand(spec, unpack);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> skipped = new java.util.ArrayList<>();
        List<FileWalker.Item> items = FileWalker.expand(paths, recursive, skipped::add);
        reportSkipped(skipped, verbose, err);

        MmdtHasher hasher = new MmdtHasher();
        if (unpack) {
            boolean succeeded = UnpackedHashing.run(items, Math.max(1, threads),
                    new ContainerHasher(hasher, new Unpacker(unpackLimits)), out, err);
            return succeeded ? 0 : MmdtCommand.EXIT_INPUT_FAILED;
        }
        boolean[] failed = {false};
        ParallelHashing.run(items, threads, hasher::hash, (item, result) -> {
            if (result.hash() != null) {
                out.println(format(result.hash(), item.path()));
            } else {
                err.println("mmdt: " + DisplayPaths.of(item.path()) + ": " + result.error());
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
        return hash + "  " + DisplayPaths.of(path);
    }
}
