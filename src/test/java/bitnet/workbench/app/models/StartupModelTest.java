package bitnet.workbench.app.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StartupModelTest {
    @TempDir
    Path models;

    @Test
    void aModelNamedOnTheCommandLineIsOpenedEvenAfterEarlierUse() {
        assertThat(StartupModel.choose(List.of("--verbose", "/m/x.gguf"), List.of(models.resolve("a-model.gguf")), models)).contains(Path.of("/m/x.gguf"));
    }

    @Test
    void theFirstLaunchOpensTheFirstGgufInTheModelsFolder() throws Exception {
        Files.writeString(models.resolve("README.md"), "provenance");
        Files.writeString(models.resolve("b-model.gguf"), "");
        Files.writeString(models.resolve("a-model.gguf"), "");
        assertThat(StartupModel.choose(List.of(), List.of(), models)).contains(models.resolve("a-model.gguf"));
    }

    @Test
    void laterLaunchesReopenTheMostRecentModelThatStillExists() throws Exception {
        Files.writeString(models.resolve("a-model.gguf"), "");
        Path gone = models.resolve("deleted.gguf");
        Path used = Files.writeString(models.resolve("used.gguf"), "");
        Path older = Files.writeString(models.resolve("older.gguf"), "");
        assertThat(StartupModel.choose(List.of(), List.of(gone, used, older), models)).contains(used);
    }

    @Test
    void whenEveryRecentModelIsGoneTheShippedOneOpens() throws Exception {
        Files.writeString(models.resolve("a-model.gguf"), "");
        assertThat(StartupModel.choose(List.of(), List.of(models.resolve("deleted.gguf")), models)).contains(models.resolve("a-model.gguf"));
    }

    @Test
    void withoutAModelsFolderTheFirstLaunchOpensNothing() {
        assertThat(StartupModel.choose(List.of(), List.of(), models.resolve("missing"))).isEmpty();
        assertThat(StartupModel.choose(List.of(), List.of(), models)).isEmpty();
    }
}
