package bitnet.workbench.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void aWriteReplacesTheWholeContent() throws IOException {
        Path f = dir.resolve("a.json");
        AtomicFiles.write(f, "first version, rather long".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(f, "second".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("second");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousFileByteForByteAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("chat.json");
        byte[] before = "{\"the\": \"previous chat\"}".getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(f, before);

        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("{\"half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessage("No space left on device");

        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void aFirstWriteThatFailsLeavesNoFileAtAll() {
        Path f = dir.resolve("sub").resolve("new.json");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class);
        assertThat(f).doesNotExist();
        assertThat(f.getParent()).isEmptyDirectory();
    }
}
