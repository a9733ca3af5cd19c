package io.mmdt.cli;

import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.store.StoreFormat;
import io.mmdt.knn.store.StoreMaintenance;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mmdt store filter}: keeps the entries whose hash has a spread above a threshold. */
@Command(name = "filter", mixinStandardHelpOptions = true,
        description = "Writes the entries whose hash's spread is strictly above --min-spread, in their order.")
final class StoreFilterCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STORE", description = "Store file in any format.")
    private Path storePath;

    @Option(names = "--min-spread", required = true, paramLabel = "X",
            description = "Keep an entry only if its hash's spread is strictly above X; python_mmdt uses 10.0.")
    private double minSpread;

    @CommandLine.Mixin
    private StoreOutputOptions target;

    @Override
    public Integer call() {
        StoreFormat format = StoreOutput.format(spec, target.to, target.output);
        if (Double.isNaN(minSpread)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid value for --min-spread: NaN");
        }
        HashStore store = StoreLoader.load(spec, storePath);

        HashStore filtered = StoreMaintenance.filterBySpread(store, minSpread);

        if (!StoreOutput.save(spec, filtered, target.output, format)) {
            return MmdtCommand.EXIT_INPUT_FAILED;
        }
        spec.commandLine().getOut().printf("kept %d of %d entries with spread above %s; wrote %s (%s)%n",
                filtered.size(), store.size(), minSpread, target.output, StoreOutput.name(format));
        return 0;
    }
}
