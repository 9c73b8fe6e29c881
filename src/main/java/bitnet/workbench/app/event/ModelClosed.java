package bitnet.workbench.app.event;

import java.nio.file.Path;

/** The current model was unloaded and no model is open now. */
public record ModelClosed(Path path, String name) implements Event {
}
