package bitnet.workbench.gguf;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared reference folder (system property {@code reference.dir}); tests that need it are skipped without it. */
public final class ReferenceFiles {
    private ReferenceFiles() {
    }

    public static Path dir() {
        String p = System.getProperty("reference.dir");
        Assumptions.assumeTrue(p != null && Files.isDirectory(Path.of(p)),
            "reference.dir is not set or missing (" + p + "); skipping tests that need the reference models");
        return Path.of(p);
    }

    public static Path model(String relative) {
        Path f = dir().resolve("models").resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(f), "reference model missing: " + f);
        return f;
    }

    /** Every .gguf below models/, sorted by path. */
    public static List<Path> allModels() {
        try (Stream<Path> s = Files.walk(dir().resolve("models"))) {
            return s.filter(p -> p.toString().endsWith(".gguf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
