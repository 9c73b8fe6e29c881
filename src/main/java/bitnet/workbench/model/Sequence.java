package bitnet.workbench.model;

/**
 * One token sequence being evaluated: its KV cache and current position. Not thread-safe; one
 * generation at a time drives it.
 */
public interface Sequence extends AutoCloseable {
    /** Number of tokens already evaluated (the next token's position). */
    int position();

    /**
     * Evaluates {@code count} tokens at positions {@code position() .. position()+count-1}, adds them
     * to the KV cache and, if {@code lastLogits} is not null, writes the logits of the last one into
     * it. Throws {@link ContextOverflowException} before doing any work if they would not fit.
     */
    void append(int[] tokens, int offset, int count, float[] lastLogits);

    /** Forgets every position from {@code newPosition} on, so a regenerated reply reuses the prefix. */
    void truncate(int newPosition);

    /**
     * Attaches {@code probe} to the forward pass of this sequence (null detaches it). Sequences
     * without probe support throw {@link UnsupportedOperationException}.
     */
    default void setProbe(ForwardProbe probe) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support forward probes");
    }

    @Override
    void close();
}
