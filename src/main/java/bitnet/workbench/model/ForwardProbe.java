package bitnet.workbench.model;

/**
 * A listener inside the forward pass, for the activation recorder and per-op profiling. Called on
 * the thread that runs the pass, synchronously, so implementations must be quick. With no probe
 * attached the pass does no extra work: no timing, no absmax scan, no allocation.
 */
public interface ForwardProbe {
    /**
     * The input of a projection of {@code layer} for the token at {@code position}: its max |x|. For
     * per-token int8 quantization the scale is {@code 127 / max(absMax, 1e-5)}.
     */
    default void activation(int layer, BitLinearInput input, int position, float absMax) {
    }

    /**
     * The same input as {@link #activation}, as floats before quantization: {@code x[offset .. offset+length)}.
     * The array is the pass's working buffer, valid only during the call; copy what you keep.
     */
    default void activationVector(int layer, BitLinearInput input, int position, float[] x, int offset, int length) {
    }

    /**
     * Wall time of one step for {@code tokens} tokens; {@code layer} is −1 for the steps outside the
     * blocks (embedding, output norm, lm_head).
     */
    default void time(int layer, ForwardOp op, int tokens, long nanos) {
    }
}
