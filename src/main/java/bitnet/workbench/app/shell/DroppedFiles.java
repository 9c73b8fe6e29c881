package bitnet.workbench.app.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which of the files dropped on the window to open: the first .gguf, else the first file (which then fails in plain words). */
final class DroppedFiles {
    private DroppedFiles() {
    }

    static Optional<Path> modelToOpen(List<File> files) {
        if (files == null || files.isEmpty()) return Optional.empty();
        return files.stream().filter(f -> f.getName().toLowerCase(Locale.ROOT).endsWith(".gguf")).findFirst()
            .or(() -> Optional.of(files.getFirst()))
            .map(File::toPath);
    }
}
