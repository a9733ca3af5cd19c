package io.mmdt.cli;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a command-line argument that is either an mmdt hash or the path of a file to hash. */
final class HashArgument {

    private HashArgument() {
    }

    /**
     * Returns the hash that {@code argument} spells, or else the hash of the file it names.
     *
     * @throws CliFailure with exit code 2 if the argument contains {@code :}, names no file
     *     and is not a valid hash; with exit code 1 if the file cannot be hashed
     */
    static MmdtHash resolve(String argument, MmdtHasher hasher) {
        if (MmdtHash.isValid(argument)) {
            return MmdtHash.parse(argument);
        }
        if (argument.indexOf(':') >= 0 && !Files.exists(Path.of(argument))) {
            // Meant as a hash: report what is wrong with it, not that no such file exists.
            try {
                MmdtHash.parse(argument);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(MmdtCommand.EXIT_USAGE,
                        argument + ": neither a file nor a valid mmdt hash (" + e.getMessage() + ")");
            }
        }
        try {
            return hasher.hash(Path.of(argument));
        } catch (IOException | RuntimeException e) {
            throw new CliFailure(MmdtCommand.EXIT_INPUT_FAILED, argument + ": " + ParallelHashing.describe(e)
                    + " (expected a file or a hash IIIIIIII:MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM)");
        }
    }
}
