package bitnet.workbench.kernel;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the input of a ternary (BitLinear) matrix is turned into int8 codes. The two reference engines
 * differ here, and with int8 activations that difference alone moves logits by 0.1–0.2, so it is a
 * setting rather than a constant.
 */
public enum ActivationQuantization {
    /**
     * bitnet.cpp's I8_S and the BitNet papers: one scale per token row. {@code max = max(1e-5, max|x|)}
     * in double, {@code s = (float)(127/max)}, {@code q = clamp(rint(x*s), -128, 127)}; the result is
     * divided by {@code s} after the integer dot product.
     */
    PER_TOKEN("per-token"),
    /**
     * llama.cpp's Q8_K: blocks of 256 values, each with {@code m} = its element of largest |x| (signed),
     * {@code iscale = -127/m}, {@code q = min(127, rint(iscale*x))}, step {@code d = 1/iscale}.
     */
    Q8K_BLOCKS("q8k-blocks");

    /** Values per Q8_K block. */
    public static final int Q8K_BLOCK = 256;

    private final String label;

    ActivationQuantization(String label) {
        this.label = label;
    }

    /** The name users type ("per-token", "q8k-blocks"). */
    public String label() { return label; }

    public static ActivationQuantization parse(String text) {
        for (ActivationQuantization q : values()) {
            if (q.label.equalsIgnoreCase(text) || q.name().equalsIgnoreCase(text)) return q;
        }
        throw new IllegalArgumentException("unknown activation quantization '" + text + "' (expected one of: "
            + Arrays.stream(values()).map(ActivationQuantization::label).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() { return label; }
}
