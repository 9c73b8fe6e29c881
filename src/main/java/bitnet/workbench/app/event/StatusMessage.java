package bitnet.workbench.app.event;

/** A short line for the left side of the status bar ("Opened x.gguf in 4 ms"). */
public record StatusMessage(String text) implements Event {
}
