package io.mmdt.cli;

import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.store.LoadedStore;
import io.mmdt.knn.store.StoreMaintenance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mmdt store info}: prints the format, size and most common labels of a store. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Prints a store's format, number of entries and labels, and its most common labels.")
final class StoreInfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STORE", description = "Store file in any format.")
    private Path storePath;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Number of labels to list, most common first (default: ${DEFAULT-VALUE}).")
    private int top;

    @Override
    public Integer call() {
        if (top < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "invalid value for --top: " + top + " (expected 0 or more)");
        }
        LoadedStore loaded = StoreLoader.load(spec, storePath, false);
        HashStore store = loaded.store();
        Map<String, Integer> counts = StoreMaintenance.labelCounts(store);
        PrintWriter out = spec.commandLine().getOut();

        out.println("store:   " + storePath);
        out.println("format:  " + StoreOutput.name(loaded.format()));
        out.println("entries: " + store.size());
        out.println("labels:  " + store.labelCount());
        if (top > 0 && !counts.isEmpty()) {
            out.println("top labels:");
            counts.entrySet().stream()
                    .limit(top)
                    .forEach(entry -> out.printf("  %8d  %s%n", entry.getValue(), shown(entry.getKey())));
        }
        return 0;
    }

    /**
     * Returns the label as listed. A text or imported store may hold entries with an empty
     * label, which would otherwise print as a blank.
     */
    static String shown(String label) {
        return label.isEmpty() ? "(empty label)" : label;
    }
}
