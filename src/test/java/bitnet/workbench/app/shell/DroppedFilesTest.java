package bitnet.workbench.app.shell;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DroppedFilesTest {
    @Test
    void theFirstGgufAmongTheDroppedFilesIsOpened() {
        assertThat(DroppedFiles.modelToOpen(List.of(new File("/a/notes.txt"), new File("/a/m.GGUF"), new File("/a/n.gguf"))))
            .contains(Path.of("/a/m.GGUF"));
    }

    @Test
    void withoutAGgufTheFirstFileIsTriedSoTheUserHearsWhyItFails() {
        assertThat(DroppedFiles.modelToOpen(List.of(new File("/a/photo.jpg")))).contains(Path.of("/a/photo.jpg"));
        assertThat(DroppedFiles.modelToOpen(List.of())).isEmpty();
    }
}
