package io.mmdt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mmdt} command line: computes, compares and classifies mmdt hashes.
 *
 * <p>Exit codes: 0 when every input succeeded, 1 when some input failed (the others are
 * still processed), 2 for a usage error.
 */
@Command(
        name = "mmdt",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Computes, compares and classifies mmdt fuzzy hashes.",
        subcommands = {
            CommandLine.HelpCommand.class,
            HashCommand.class,
            CompareCommand.class,
            SpreadCommand.class,
            BuildCommand.class,
            StoreCommand.class,
            ClassifyCommand.class,
            ScanOnlineCommand.class,
            ServeCommand.class,
        })
public final class MmdtCommand implements Runnable {

    /** Exit code when some inputs could not be processed. */
    public static final int EXIT_INPUT_FAILED = 1;

    /** Exit code for a usage error: a bad option, a missing argument or an unreadable store. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** Creates the command line with the project's exit-code conventions. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new MmdtCommand())
                .setExecutionExceptionHandler(MmdtCommand::handleFailure);
    }

    /**
     * Prints a {@link CliFailure} as one line and returns its exit code; anything else is a bug
     * and is printed with its stack trace (exit code 1).
     */
    private static int handleFailure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof CliFailure failure) {
            commandLine.getErr().println("mmdt: " + failure.getMessage());
            return failure.exitCode();
        }
        commandLine.getErr().println("mmdt: internal error: " + e);
        e.printStackTrace(commandLine.getErr());
        return EXIT_INPUT_FAILED;
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }
}
