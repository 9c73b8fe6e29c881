package bitnet.workbench.app.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RecentModelsTest {
    @TempDir
    Path home;

    private static Path model(String name) {
        return Path.of("/models", name).toAbsolutePath();
    }

    @Test
    void theNewestModelComesFirstAndReopeningMovesItToTheFront() {
        RecentModels recent = new RecentModels(home);
        recent.add(model("a.gguf"));
        recent.add(model("b.gguf"));
        recent.add(model("a.gguf"));
        assertThat(recent.paths()).containsExactly(model("a.gguf"), model("b.gguf"));
    }

    @Test
    void theListKeepsOnlyTheTenMostRecent() {
        RecentModels recent = new RecentModels(home);
        IntStream.range(0, 13).forEach(i -> recent.add(model(i + ".gguf")));
        assertThat(recent.paths()).hasSize(RecentModels.LIMIT).startsWith(model("12.gguf")).endsWith(model("3.gguf"));
    }

    @Test
    void theListSurvivesARestartAndRemovalIsSavedToo() {
        RecentModels first = new RecentModels(home);
        first.add(model("a.gguf"));
        first.add(model("b.gguf"));
        first.add(model("c.gguf"));
        first.remove(model("b.gguf"));
        assertThat(new RecentModels(home).paths()).containsExactly(model("c.gguf"), model("a.gguf"));
    }

    @Test
    void relativePathsAreStoredAbsolute() {
        RecentModels recent = new RecentModels(home);
        recent.add(Path.of("models/../models/x.gguf"));
        assertThat(recent.paths()).containsExactly(Path.of("models/x.gguf").toAbsolutePath());
    }
}
