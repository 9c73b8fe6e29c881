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

    public int requested() { return requested; }
    public int available() { return available; }
}
