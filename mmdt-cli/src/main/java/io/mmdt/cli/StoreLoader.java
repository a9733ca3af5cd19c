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
import picocli.CommandLine.Model.CommandSpec;

/**
 * Loads the store that a command's option or parameter names, in any of the three formats,
 * and turns every failure into a {@link CliFailure} with exit code
 * {@link MmdtCommand#EXIT_USAGE}. The command line prints its message, which names the file
 * and the problem.
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
     * @param spec the calling command's specification; this implementation does not use it
     * @throws CliFailure if the file is missing, unreadable or not a valid store
     */
    public static HashStore load(CommandSpec spec, Path path) {
        return load(spec, path, false).store();
    }

    /**
     * Loads the store at {@code path}; with {@code skipInvalidEntries}, invalid lines of a
     * text store or strings of a python_mmdt file are skipped and counted in the result.
     *
     * @param spec the calling command's specification; this implementation does not use it
     * @throws CliFailure if the file is missing, unreadable or not a valid store
     */
    public static LoadedStore load(CommandSpec spec, Path path, boolean skipInvalidEntries) {
        if (Files.isDirectory(path)) {
            throw unusable("store " + path + " is a directory, expected a store file", null);
        }
        try {
            return StoreFiles.load(path, skipInvalidEntries);
        } catch (NoSuchFileException e) {
            throw unusable("store not found: " + path, e);
        } catch (AccessDeniedException e) {
            throw unusable("cannot read store " + path + ": permission denied", e);
        } catch (StoreFormatException e) {
            throw unusable(e.getMessage(), e);
        } catch (IOException e) {
            throw unusable("cannot load store " + path + ": " + e.getMessage(), e);
        }
    }

    private static CliFailure unusable(String message, Exception cause) {
        return new CliFailure(MmdtCommand.EXIT_USAGE, message, cause);
    }
}
