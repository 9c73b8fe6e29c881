package bitnet.workbench.app.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which model to open when the window first appears: the file named on the command line; else the
 * most recently used model that still exists, so a returning user can go on chatting where they
 * left off; else (a first launch, or every recent file gone) the first {@code *.gguf} (by path) in
 * the shipped {@code models/} folder, so a new user sees a model without looking for one.
 */
public final class StartupModel {
    private StartupModel() {
    }

    /** @param recent recently used models, most recent first */
    public static Optional<Path> choose(List<String> args, List<Path> recent, Path modelsDir) {
        Optional<String> named = args.stream().filter(a -> !a.startsWith("-")).findFirst();
        if (named.isPresent()) return Optional.of(Path.of(named.get()));
        Optional<Path> last = recent.stream().filter(Files::isRegularFile).findFirst();
        if (last.isPresent()) return last;
        return firstModelIn(modelsDir);
    }

    static Optional<Path> firstModelIn(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) return Optional.empty();
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gguf"))
                .filter(Files::isRegularFile).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
