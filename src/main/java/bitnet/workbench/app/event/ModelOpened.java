package bitnet.workbench.app.event;

import bitnet.workbench.engine.LoadedModel;

import java.nio.file.Path;

/**
 * A model became the current one (replacing any previous model). {@code model} is ready to run;
 * it belongs to the Models view's service, which closes it on the engine thread after it is
 * replaced, so users must stop using it when the next ModelOpened or ModelClosed arrives.
 */
public record ModelOpened(Path path, String name, LoadedModel model) implements Event {
}
