package bitnet.workbench.tensor;

/**
 * How a ternary quantizer (TQ1_0, TQ2_0, I2_S) turns floats into codes −1, 0, +1 and a scale.
 * Get a per-tensor rule from a first pass over the tensor with {@link TernaryScale}, or state the
 * scale yourself with {@link #roundToScale}.
 */
public sealed interface Ternarization {

    /** Rules with one scale for the whole tensor; the only kind I2_S can store. */
    sealed interface PerTensor extends Ternarization permits RoundToScale, SignTimesMax {
        /** The tensor scale: decoded values are code × scale (× fp16(scale) in TQ1_0/TQ2_0). */
        float scale();

        /** The code −1, 0 or +1 of one value. */
        int code(float value);
    }

    /**
     * The BitNet b1.58 rule: code = clamp(round(w / scale), −1, 1), rounding halves to even. With the
     * absmean scale ({@link TernaryScale#absmean}) this is the paper's W_q; with the scale a tensor
     * already is ternary in, it stores that tensor losslessly.
     */
    record RoundToScale(float scale) implements PerTensor {
        public RoundToScale {
            if (!(scale >= 0) || Float.isInfinite(scale)) throw new IllegalArgumentException("ternary scale must be finite and >= 0, got " + scale);
        }

        @Override
        public int code(float value) {
            if (scale == 0) return 0;
            float q = (float) Math.rint(value / scale);
            return q > 0 ? 1 : q < 0 ? -1 : 0;
        }
    }

    /**
     * bitnet.cpp's {@code quantize_i2_s}: scale = max|w| of the tensor, code = sign(w), and 0 where
     * |w| &lt; 1e-6. It assumes weights that already are ternary × one scale; anything else becomes ±max.
     * Reproduces the fork's I2_S files byte for byte.
     */
    record SignTimesMax(float scale) implements PerTensor {
        public SignTimesMax {
            if (!(scale >= 0) || Float.isInfinite(scale)) throw new IllegalArgumentException("ternary scale must be finite and >= 0, got " + scale);
        }

        @Override
        public int code(float value) {
            if (Math.abs((double) value) < 1e-6) return 0;
            return (double) value * scale > 0 ? 1 : -1;
        }
    }

    /**
     * llama.cpp's {@code quantize_row_tq1_0_ref}/{@code _tq2_0_ref} (what llama-quantize writes):
     * each block of 256 gets d = its own max|w| and code = lroundf(w / d). TQ1_0/TQ2_0 only.
     */
    record GgmlBlockAbsmax() implements Ternarization {
    }

    static RoundToScale roundToScale(float scale) {
        return new RoundToScale(scale);
    }
}
