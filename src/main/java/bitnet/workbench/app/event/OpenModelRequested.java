package bitnet.workbench.app.event;

import java.nio.file.Path;

/** Someone (a drop on the window, the Recent menu) asks for this file to be opened. */
public record OpenModelRequested(Path path) implements Event {
}
