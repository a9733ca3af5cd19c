package io.mmdt.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Expands command-line paths into the files to process, in a stable order.
 *
 * <p>A path named on the command line is taken as it is (a symbolic link to a file or to a
 * directory is followed, since the user named it). A directory is an error unless {@code recursive} is set;
 * then its tree is walked in name order, and a symbolic link inside it is followed only when
 * its target lies inside the same tree, so a link cannot lead the walk to other parts of the
 * file system. Entries that are neither files nor directories (FIFOs, sockets, devices) are
 * passed on, and the hasher rejects them with a message.
 */
final class FileWalker {

    /** A path to process, or an error to report for one. */
    record Item(Path path, String error) {

        static Item file(Path path) {
            return new Item(path, null);
        }

        static Item failure(Path path, String error) {
            return new Item(path, error);
        }

        boolean failed() {
            return error != null;
        }
    }

    private FileWalker() {
    }

    /** Returns the items for {@code paths}, in command-line order, each tree in name order. */
    static List<Item> expand(List<Path> paths, boolean recursive, Consumer<String> warnings) {
        List<Item> items = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                items.add(Item.file(path));
            } else if (!recursive) {
                items.add(Item.failure(path, "is a directory (use -r to process the files in it)"));
            } else {
                walk(path, items, warnings);
            }
        }
        return items;
    }

    private static void walk(Path root, List<Item> items, Consumer<String> warnings) {
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            items.add(Item.failure(root, "cannot resolve directory: " + e.getMessage()));
            return;
        }
        // The walk starts at the resolved directory, so that a root named through a symbolic
        // link is walked too. Paths are then given under the name the user typed.
        Function<Path, Path> underRoot = file -> root.resolve(realRoot.relativize(file));
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(realRoot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isSymbolicLink()) {
                        addLinkTarget(file, underRoot.apply(file), realRoot, found, warnings);
                    } else {
                        found.add(underRoot.apply(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    items.add(Item.failure(underRoot.apply(file), "cannot read: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            items.add(Item.failure(root, "cannot walk directory: " + e.getMessage()));
        }
        found.sort(null);
        for (Path file : found) {
            items.add(Item.file(file));
        }
    }

    private static void addLinkTarget(Path link, Path shownLink, Path realRoot, List<Path> found,
            Consumer<String> warnings) {
        try {
            Path target = link.toRealPath();
            if (!target.startsWith(realRoot)) {
                warnings.accept(DisplayPaths.of(shownLink) + ": skipped, symbolic link points outside the tree to "
                        + DisplayPaths.of(target));
            } else if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                found.add(shownLink);
            }
        } catch (IOException e) {
            warnings.accept(DisplayPaths.of(shownLink) + ": skipped, broken symbolic link");
        }
    }
}
