package bitnet.workbench.app.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsStoreTest {
    @TempDir
    Path home;

    @Test
    void aMissingFileGivesDefaultsWithOneThreadPerProcessorAndTheFastestKernel() {
        WorkbenchSettings s = new SettingsStore(home, 6).current();
        assertThat(s.theme()).isEqualTo("LIGHT");
        String fastest = jdk.incubator.vector.ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? "vector-lut" : "vector-i8";
        assertThat(s.engine()).isEqualTo(new EngineSettings(6, fastest, EngineSettings.DEFAULT_CONTEXT));
        assertThat(home.resolve(SettingsStore.FILE_NAME)).doesNotExist();
    }

    @Test
    void changesAreSavedAndReadBackByTheNextStart() {
        new SettingsStore(home, 4).update(s -> s.withTheme("DARK").withEngine(new EngineSettings(3, "scalar", 4096)));
        WorkbenchSettings again = new SettingsStore(home, 4).current();
        assertThat(again).isEqualTo(new WorkbenchSettings("DARK", new EngineSettings(3, "scalar", 4096)));
    }

    @Test
    void outOfRangeValuesAreClampedToThisMachine() {
        SettingsStore store = new SettingsStore(home, 2);
        EngineSettings e = store.update(s -> s.withEngine(new EngineSettings(16, "no-such-kernel", 10))).engine();
        assertThat(e).isEqualTo(new EngineSettings(2, bitnet.workbench.kernel.Kernels.recommended(), EngineSettings.MIN_CONTEXT));
        assertThat(store.update(s -> s.withEngine(e.withThreads(0))).engine().threads()).isEqualTo(1);
    }

    @Test
    void aCorruptFileIsIgnoredInsteadOfStoppingTheApp() throws IOException {
        Files.writeString(home.resolve(SettingsStore.FILE_NAME), "{ this is not json");
        assertThat(new SettingsStore(home, 2).current()).isEqualTo(WorkbenchSettings.defaults(2));
    }

    @Test
    void aFileWithMissingFieldsKeepsWhatItHasAndDefaultsTheRest() throws IOException {
        Files.writeString(home.resolve(SettingsStore.FILE_NAME), "{\"theme\":\"DARK\",\"future\":1}");
        assertThat(new SettingsStore(home, 2).current()).isEqualTo(new WorkbenchSettings("DARK", EngineSettings.defaults(2)));
    }

    @Test
    void savingLeavesExactlyTheSettingsFileBehindAndNoTemporaryFiles() throws IOException {
        SettingsStore store = new SettingsStore(home, 2);
        store.update(s -> s.withTheme("DARK"));
        store.update(s -> s.withTheme("LIGHT"));
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SettingsStore.FILE_NAME);
        }
        assertThat(Files.readString(home.resolve(SettingsStore.FILE_NAME))).contains("\"LIGHT\"");
    }
}
