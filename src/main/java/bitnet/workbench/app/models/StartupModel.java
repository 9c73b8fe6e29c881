package bitnet.workbench.app.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which model to open when the window first appears: the file named on the command line, else, on
 * a first launch (nothing opened before), the first {@code *.gguf} (by path) in the shipped {@code models/}
 * folder, so a new user sees a model without looking for one.
 */
public final class StartupModel {
    private StartupModel() {
    }

    public static Optional<Path> choose(List<String> args, boolean openedBefore, Path modelsDir) {
        Optional<String> named = args.stream().filter(a -> !a.startsWith("-")).findFirst();
        if (named.isPresent()) return Optional.of(Path.of(named.get()));
        if (openedBefore) return Optional.empty();
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
