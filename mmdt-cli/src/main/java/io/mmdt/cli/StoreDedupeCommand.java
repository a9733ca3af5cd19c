package io.mmdt.cli;

import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.store.StoreFormat;
import io.mmdt.knn.store.StoreMaintenance;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mmdt store dedupe}: removes exact duplicate entries, keeping the first of each. */
@Command(name = "dedupe", mixinStandardHelpOptions = true,
        description = "Writes the store without exact duplicates (same hash, label and sample id), "
                + "keeping the first of each and the order.")
final class StoreDedupeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STORE", description = "Store file in any format.")
    private Path storePath;

    @CommandLine.Mixin
    private StoreOutputOptions target;

    @Override
    public Integer call() {
        StoreFormat format = StoreOutput.format(spec, target.to, target.output);
        HashStore store = StoreLoader.load(spec, storePath);

        HashStore unique = StoreMaintenance.removeDuplicates(store);

        if (!StoreOutput.save(spec, unique, target.output, format)) {
            return MmdtCommand.EXIT_INPUT_FAILED;
        }
        spec.commandLine().getOut().printf("removed %s, %s left; wrote %s (%s)%n",
                Counts.of(store.size() - unique.size(), "duplicate", "duplicates"),
                Counts.of(unique.size(), "entry", "entries"), target.output, StoreOutput.name(format));
        return 0;
    }
}
