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
        assertThat(StartupModel.choose(List.of("--verbose", "/m/x.gguf"), true, models)).contains(Path.of("/m/x.gguf"));
    }

    @Test
    void theFirstLaunchOpensTheFirstGgufInTheModelsFolder() throws Exception {
        Files.writeString(models.resolve("README.md"), "provenance");
        Files.writeString(models.resolve("b-model.gguf"), "");
        Files.writeString(models.resolve("a-model.gguf"), "");
        assertThat(StartupModel.choose(List.of(), false, models)).contains(models.resolve("a-model.gguf"));
    }

    @Test
    void laterLaunchesOpenNothingByThemselves() throws Exception {
        Files.writeString(models.resolve("a-model.gguf"), "");
        assertThat(StartupModel.choose(List.of(), true, models)).isEmpty();
    }

    @Test
    void withoutAModelsFolderTheFirstLaunchOpensNothing() {
        assertThat(StartupModel.choose(List.of(), false, models.resolve("missing"))).isEmpty();
        assertThat(StartupModel.choose(List.of(), false, models)).isEmpty();
    }
}
