package io.mmdt.cli;

import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.store.StoreFormat;
import io.mmdt.knn.store.StoreMaintenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mmdt store merge}: concatenates stores. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Writes the entries of all stores, one store after the other, each in its order. "
                + "Duplicates are kept; run 'store dedupe' to remove them.")
final class StoreMergeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "STORE", description = "Store files in any format.")
    private List<Path> storePaths;

    @CommandLine.Mixin
    private StoreOutputOptions target;

    @Override
    public Integer call() {
        StoreFormat format = StoreOutput.format(spec, target.to, target.output);
        List<HashStore> stores = new ArrayList<>();
        for (Path path : storePaths) {
            stores.add(StoreLoader.load(spec, path));
        }

        HashStore merged = StoreMaintenance.merge(stores);

        if (!StoreOutput.save(spec, merged, target.output, format)) {
            return MmdtCommand.EXIT_INPUT_FAILED;
        }
        spec.commandLine().getOut().printf("merged %d stores, %s; wrote %s (%s)%n",
                stores.size(), Counts.of(merged.size(), "entry", "entries"), target.output, StoreOutput.name(format));
        return 0;
    }
}
