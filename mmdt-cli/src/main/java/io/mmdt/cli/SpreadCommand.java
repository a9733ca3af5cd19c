package io.mmdt.cli;

import io.mmdt.core.MmdtHash;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mmdt spread}: prints the spread of a hash, as python_mmdt's mmdt-std does. */
@Command(
        name = "spread",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the spread of an mmdt hash, a measure of its information content.",
            "The spread is the sample standard deviation of main bytes 2..13 without their",
            "largest and smallest value. Stores keep hashes whose spread is above 10."
        })
final class SpreadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "HASH", description = "An mmdt hash IIIIIIII:MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM.")
    private String hash;

    @Override
    public Integer call() {
        if (!MmdtHash.isValid(hash)) {
            try {
                MmdtHash.parse(hash);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(MmdtCommand.EXIT_USAGE, e.getMessage());
            }
        }
        spec.commandLine().getOut().println(MmdtHash.parse(hash).spread());
        return 0;
    }
}
