package bitnet.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder of models that ship with the workbench. An installed image's launcher names it with
 * {@code -Dworkbench.models=$APPDIR/models} (jpackage expands {@code $APPDIR} to the image's app
 * folder on every platform); {@code ./workbench} runs from the checkout, where it is {@code models/}.
 * {@code app.WorkbenchApp} reads the same property for the window's first-launch model.
 */
public final class ShippedModels {
    public static final String PROPERTY = "workbench.models";

    private ShippedModels() {
    }

    public static Path dir() {
        String configured = System.getProperty(PROPERTY);
        return configured == null || configured.isBlank() ? Path.of("models") : Path.of(configured);
    }

    /** The first {@code *.gguf} (by path) in {@code dir} or its subfolders, if any. */
    public static Optional<Path> firstModel(Path dir) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf"))
                .filter(Files::isRegularFile).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
