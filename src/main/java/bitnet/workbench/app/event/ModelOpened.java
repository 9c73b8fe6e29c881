package bitnet.workbench.app.event;

import bitnet.workbench.gguf.GgufFile;

import java.nio.file.Path;

/** A model became the current one (replacing any previous model, which is closed). */
public record ModelOpened(Path path, String name, GgufFile file) implements Event {
}
