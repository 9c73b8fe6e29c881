package bitnet.workbench.app.models;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared reference models; tests that need them are skipped with a message when they are absent. */
final class ReferenceModels {
    private ReferenceModels() {
    }

    static Path path(String file) {
        String dir = System.getProperty("reference.dir");
        Assumptions.assumeTrue(dir != null, "reference.dir is not set; skipping a test that needs reference models");
        Path p = Path.of(dir, "models", file);
        Assumptions.assumeTrue(Files.isRegularFile(p), "reference model " + p + " is missing; skipping");
        return p;
    }
}
