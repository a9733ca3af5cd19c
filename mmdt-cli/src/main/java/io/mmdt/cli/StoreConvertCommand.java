package io.mmdt.cli;

import io.mmdt.knn.store.LoadedStore;
import io.mmdt.knn.store.StoreFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mmdt store convert}: rewrites a store in another format. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Rewrites a store in another format; the input format is detected from its content.")
final class StoreConvertCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Store file in any format.")
    private Path input;

    @Parameters(index = "1", paramLabel = "OUT",
            description = "Store file to write; the format follows its extension unless --to is set.")
    private Path output;

    @Option(names = "--to", paramLabel = "FORMAT", description = "Output format: " + StoreOutput.FORMAT_NAMES + ".")
    private String to;

    @Option(names = "--skip-invalid",
            description = "Skip and count invalid lines of a text store or strings of a python_mmdt file "
                    + "instead of rejecting the input.")
    private boolean skipInvalid;

    @Override
    public Integer call() {
        StoreFormat format = StoreOutput.format(spec, to, output);
        LoadedStore loaded = StoreLoader.load(spec, input, skipInvalid);
        PrintWriter err = spec.commandLine().getErr();
        if (loaded.skippedEntries() > 0) {
            err.println("mmdt: skipped " + Counts.of(loaded.skippedEntries(), "invalid entry", "invalid entries")
                    + " of " + input + ":");
            loaded.skipReasons().forEach(reason -> err.println("  " + reason));
        }

        if (!StoreOutput.save(spec, loaded.store(), output, format)) {
            return MmdtCommand.EXIT_INPUT_FAILED;
        }
        spec.commandLine().getOut().printf("converted %s from %s to %s; wrote %s%n",
                Counts.of(loaded.store().size(), "entry", "entries"), StoreOutput.name(loaded.format()),
                StoreOutput.name(format), output);
        return 0;
    }
}
