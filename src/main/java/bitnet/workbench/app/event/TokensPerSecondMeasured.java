package bitnet.workbench.app.event;

/** A generation finished (or reported progress) at this decode speed. Published by the chat view. */
public record TokensPerSecondMeasured(double tokensPerSecond) implements Event {
}
