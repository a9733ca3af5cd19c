package io.mmdt.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -o OUT} and {@code --to FORMAT} options shared by the commands that write a store. */
final class StoreOutputOptions {

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Store file to write; the format follows its extension unless --to is set.")
    Path output;

    @Option(names = "--to", paramLabel = "FORMAT", description = "Output format: " + StoreOutput.FORMAT_NAMES + ".")
    String to;
}
