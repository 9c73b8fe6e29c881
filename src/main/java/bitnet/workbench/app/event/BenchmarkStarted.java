package bitnet.workbench.app.event;

import java.nio.file.Path;

/** A benchmark sweep is starting on {@code model}; background work should leave the machine to it. */
public record BenchmarkStarted(Path model) implements Event {
}
