package bitnet.workbench.convert;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/reference; tests that need it are skipped with a message when it is absent. */
final class ReferenceFiles {
    private ReferenceFiles() {
    }

    static Path model(String name) {
        Path dir = Path.of(System.getProperty("reference.dir", "../shared/reference"), "models");
        Path p = dir.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "reference model " + p + " is absent; skipping");
        return p;
    }
}
