package bitnet.workbench.app.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLibraryTest {
    @TempDir
    Path home;

    @Test
    void savedRunsAreListedNewestFirstAndOnlyJsonFilesCount() throws IOException {
        RunLibrary library = new RunLibrary(home);
        assertThat(library.list()).isEmpty();
        Files.createDirectories(library.folder());
        Files.writeString(library.folder().resolve("bench-20260101-000000-a.json"), "{}");
        Files.writeString(library.folder().resolve("bench-20261126-093000-a.json"), "{}");
        Files.writeString(library.folder().resolve("notes.txt"), "x");
        assertThat(library.folder()).isEqualTo(home.resolve("benchmarks"));
        assertThat(library.list()).extracting(p -> p.getFileName().toString())
            .containsExactly("bench-20261126-093000-a.json", "bench-20260101-000000-a.json");
    }

    @Test
    void loadingAFileThatIsNotARunSaysSo() throws IOException {
        Path file = home.resolve("x.json");
        Files.writeString(file, "{\"hello\": 1}");
        assertThatThrownBy(() -> RunLibrary.load(file)).isInstanceOf(IOException.class).hasMessageContaining("is not a saved benchmark run");
    }
}
