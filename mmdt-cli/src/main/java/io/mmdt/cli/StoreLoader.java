package io.mmdt.cli;

import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.store.LoadedStore;
import io.mmdt.knn.store.StoreFiles;
import io.mmdt.knn.store.StoreFormatException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Loads the store that a command's option or parameter names, in any of the three formats,
 * and turns every failure into a usage error. picocli prints the message, which names the
 * file and the problem, and exits with {@link MmdtCommand#EXIT_USAGE}.
 *
 * <pre>{@code
 * @Option(names = "--store", required = true) Path storePath;
 * ...
 * HashStore store = StoreLoader.load(spec, storePath);
 * }</pre>
 */
public final class StoreLoader {

    private StoreLoader() {
    }

    /**
     * Loads the store at {@code path}, rejecting any invalid entry.
     *
     * @throws CommandLine.ParameterException if the file is missing, unreadable or not a
     *     valid store
     */
    public static HashStore load(CommandSpec spec, Path path) {
        return load(spec, path, false).store();
    }

    /**
     * Loads the store at {@code path}; with {@code skipInvalidEntries}, invalid lines of a
     * text store or strings of a python_mmdt file are skipped and counted in the result.
     *
     * @throws CommandLine.ParameterException if the file is missing, unreadable or not a
     *     valid store
     */
    public static LoadedStore load(CommandSpec spec, Path path, boolean skipInvalidEntries) {
        if (Files.isDirectory(path)) {
            throw unusable(spec, "store " + path + " is a directory, expected a store file");
        }
        try {
            return StoreFiles.load(path, skipInvalidEntries);
        } catch (NoSuchFileException e) {
            throw unusable(spec, "store not found: " + path);
        } catch (AccessDeniedException e) {
            throw unusable(spec, "cannot read store " + path + ": permission denied");
        } catch (StoreFormatException e) {
            throw unusable(spec, e.getMessage());
        } catch (IOException e) {
            throw unusable(spec, "cannot load store " + path + ": " + e.getMessage());
        }
    }

    private static CommandLine.ParameterException unusable(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
