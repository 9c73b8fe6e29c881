package bitnet.workbench.inspect;

/**
 * The scales a ternary tensor's codes are multiplied by: one per tensor (I2_S) or one per block of
 * 256 (TQ1_0, TQ2_0, fp16 {@code d}). For a single tensor scale mean, min and max are equal.
 */
public record ScaleSummary(Kind kind, long count, double mean, double min, double max) {

    public enum Kind {
        /** One float32 scale for the whole tensor (bitnet.cpp I2_S). */
        PER_TENSOR,
        /** One fp16 scale per block of 256 weights (llama.cpp TQ1_0, TQ2_0). */
        PER_BLOCK
    }

    public static ScaleSummary perTensor(float scale) {
        return new ScaleSummary(Kind.PER_TENSOR, 1, scale, scale, scale);
    }
}
