package io.mmdt.cli;

import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.store.StoreFiles;
import io.mmdt.knn.store.StoreFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Chooses the format of an output store and writes it, for the commands that write stores. */
final class StoreOutput {

    /** The values of {@code --to}, for help texts. */
    static final String FORMAT_NAMES = "native, text or python";

    private StoreOutput() {
    }

    /**
     * Returns the format named by {@code to}, or else the one that {@code output}'s extension
     * ({@code .mmdt}, {@code .txt}, {@code .data}) implies.
     *
     * @throws CommandLine.ParameterException if {@code to} is not a format name, or if it is
     *     null and the extension matches no format
     */
    static StoreFormat format(CommandSpec spec, String to, Path output) {
        if (to != null) {
            return switch (to.toLowerCase(Locale.ROOT)) {
                case "native", "mmdt" -> StoreFormat.NATIVE;
                case "text", "txt" -> StoreFormat.TEXT;
                case "python", "python_mmdt", "data" -> StoreFormat.PYTHON_MMDT;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "invalid value for --to: '" + to + "', expected " + FORMAT_NAMES);
            };
        }
        return StoreFormat.fromFileName(output).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "cannot tell the format of " + output
                        + " from its extension: use .mmdt, .txt or .data, or set --to " + FORMAT_NAMES));
    }

    /** Returns the name of {@code format} as {@code --to} accepts it. */
    static String name(StoreFormat format) {
        return switch (format) {
            case NATIVE -> "native";
            case TEXT -> "text";
            case PYTHON_MMDT -> "python";
        };
    }

    /**
     * Saves {@code store} and returns whether it worked; on failure prints the error to the
     * command's error stream.
     */
    static boolean save(CommandSpec spec, HashStore store, Path output, StoreFormat format) {
        try {
            StoreFiles.save(store, output, format);
            return true;
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                    ? fse.getReason() : e.getMessage();
            spec.commandLine().getErr().println("mmdt: " + output + ": " + reason);
            return false;
        }
    }
}
