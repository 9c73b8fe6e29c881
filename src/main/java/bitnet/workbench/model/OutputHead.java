package bitnet.workbench.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the output matrix (lm_head; the tied embedding in BitNet 2B4T, about a third of the bytes
 * read per token) is multiplied.
 */
public enum OutputHead {
    /**
     * {@link #INT8} for a Q6_K head under a fast kernel ({@code vector-i8}, {@code vector-lut}), as
     * llama.cpp always does for Q6_K; {@link #FLOAT} under {@code scalar} and {@code float}, which
     * keep the reference numerics. The default.
     */
    AUTO("auto"),
    /** The file's weights (F16, Q6_K, ...) times float activations: the reference numerics. */
    FLOAT("float"),
    /**
     * Q8_K-quantized activations times the Q6_K weights repacked at load ({@link
     * bitnet.workbench.kernel.Int8Head}) — llama.cpp's numerics for a Q6_K head and the fastest
     * path. A Q6_K head keeps its exact weights; an F16, BF16 or F32 head is first quantized to
     * Q6_K (half the bytes of F16 per token, weights rounded as llama-quantize's Q6_K output would
     * be). Moves logits by the roundings; {@code ./workbench head-check} measures by how much.
     */
    INT8("int8");

    private final String label;

    OutputHead(String label) {
        this.label = label;
    }

    public String label() { return label; }

    public static OutputHead parse(String text) {
        for (OutputHead h : values()) if (h.label.equalsIgnoreCase(text) || h.name().equalsIgnoreCase(text)) return h;
        throw new IllegalArgumentException("unknown output head '" + text + "' (expected one of: "
            + Arrays.stream(values()).map(OutputHead::label).collect(Collectors.joining(", ")) + ")");
    }

    /** The concrete choice for a head of {@code type} under kernel {@code kernelName}. */
    public OutputHead resolve(bitnet.workbench.gguf.GgmlType type, String kernelName) {
        if (this != AUTO) return this;
        return !bitnet.workbench.kernel.Kernels.isReference(kernelName) && type == bitnet.workbench.gguf.GgmlType.Q6_K ? INT8 : FLOAT;
    }

    @Override
    public String toString() { return label; }
}
