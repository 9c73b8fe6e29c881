package bitnet.workbench.train;

/**
 * The two quantizers of a BitLinear layer in BitNet b1.58, applied in the forward pass of
 * quantization-aware training. Their backward pass is the straight-through estimator: the
 * gradient flows through as if they were the identity, so they have no backward method here.
 */
public final class BitQuant {
    /** Floor of the absmean scale, as in the BitNet reference code ({@code clamp_(min=1e-5)}). */
    public static final float MIN_WEIGHT_SCALE = 1e-5f;
    /** Floor of a token's absmax, as in bitnet.cpp's {@code quantize_row_i8_s}. */
    public static final double MIN_ACTIVATION_ABSMAX = 1e-5;

    private BitQuant() {
    }

    /** The absmean scale of a whole tensor: mean |w|, at least {@link #MIN_WEIGHT_SCALE}. */
    public static float absmeanScale(float[] w) {
        double sum = 0;
        for (float v : w) sum += Math.abs(v);
        return (float) Math.max(MIN_WEIGHT_SCALE, sum / w.length);
    }

    /**
     * Writes {@code clamp(round(w / s), -1, 1) · s} with s the absmean scale into {@code out} and
     * returns s. Rounding is half-to-even, as in PyTorch's {@code round}.
     */
    public static float ternarize(float[] w, float[] out) {
        float s = absmeanScale(w);
        for (int i = 0; i < w.length; i++) out[i] = ternaryCode(w[i], s) * s;
        return s;
    }

    /** The ternary code -1, 0 or +1 of one weight at scale {@code s}. */
    public static int ternaryCode(float w, float s) {
        return (int) Math.max(-1, Math.min(1, Math.rint(w / s)));
    }

    /**
     * Per-token int8 absmax fake quantization of {@code rows} rows of {@code cols} values:
     * {@code s = 127 / max|x|} (max computed in double, floor 1e-5), {@code q = clamp(rint(x·s), -128, 127)},
     * {@code out = q / s}. The same rule as bitnet.cpp's I2_S path, so the exported model sees at
     * inference what it saw in training.
     */
    public static void quantizeActivations(float[] x, float[] out, int rowFrom, int rowTo, int cols) {
        for (int r = rowFrom; r < rowTo; r++) {
            int o = r * cols;
            double max = 0;
            for (int j = 0; j < cols; j++) max = Math.max(max, Math.abs(x[o + j]));
            float s = (float) (127.0 / Math.max(MIN_ACTIVATION_ABSMAX, max));
            for (int j = 0; j < cols; j++) {
                float q = (float) Math.max(-128, Math.min(127, Math.rint(x[o + j] * s)));
                out[o + j] = q / s;
            }
        }
    }
}
