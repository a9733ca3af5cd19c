package io.mmdt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mmdt store}: the group of commands that inspect and transform store files. */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "Inspects, filters, de-duplicates, merges and converts labelled hash stores. "
                + "Every command reads the native, text and python_mmdt formats, detected from the content.",
        subcommands = {
            StoreInfoCommand.class,
            StoreFilterCommand.class,
            StoreDedupeCommand.class,
            StoreMergeCommand.class,
            StoreConvertCommand.class,
        })
final class StoreCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
