package io.mmdt.cli;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mmdt compare}: prints the similarity of two files or hashes. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the similarity of A and B, from 0.0 to 1.0 (1.0: equal main parts).",
            "Each of A and B is a file or an mmdt hash IIIIIIII:MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM."
        })
final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "A file or an mmdt hash.")
    private String first;

    @Parameters(index = "1", paramLabel = "B", description = "A file or an mmdt hash.")
    private String second;

    @Override
    public Integer call() {
        MmdtHasher hasher = new MmdtHasher();
        MmdtHash a = HashArgument.resolve(first, hasher);
        MmdtHash b = HashArgument.resolve(second, hasher);
        spec.commandLine().getOut().println(a.similarity(b));
        return 0;
    }
}
