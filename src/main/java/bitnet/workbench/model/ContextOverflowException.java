package bitnet.workbench.model;

/** More tokens than the context holds. The message says how many were asked for and how many fit. */
public final class ContextOverflowException extends RuntimeException {
    private final int requested;
    private final int available;

    public ContextOverflowException(int requested, int available, int contextLength) {
        super("the prompt and reply need " + requested + " more tokens but only " + available
            + " of the context's " + contextLength + " positions are free");
        this.requested = requested;
        this.available = available;
    }

    private ContextOverflowException(String message, int requested, int available) {
        super(message);
        this.requested = requested;
        this.available = available;
    }

    /** A prompt that alone is longer than the context: refused before any work is done. */
    public static ContextOverflowException forPrompt(int promptTokens, int contextLength) {
        return new ContextOverflowException("the prompt has " + promptTokens + " tokens but the context holds only "
            + contextLength + "; shorten the prompt or the chat history", promptTokens, contextLength);
    }

    public int requested() { return requested; }
    public int available() { return available; }
}
