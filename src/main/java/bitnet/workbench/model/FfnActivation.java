package bitnet.workbench.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The gate activation of the gated FFN: {@code act(gate) · up}. */
public enum FfnActivation {
    /** {@code silu(g) = g / (1 + e^-g)}: llama, and the {@code bitnet} architecture in both engines. */
    SILU("silu"),
    /** {@code relu(g)²}: BitNet b1.58 2B4T ({@code bitnet-b1.58}, {@code bitnet-25} in bitnet.cpp). */
    RELU_SQUARED("relu2");

    private final String label;

    FfnActivation(String label) {
        this.label = label;
    }

    public String label() { return label; }

    public float apply(float g) {
        return switch (this) {
            case SILU -> g / (1f + (float) Math.exp(-g));
            case RELU_SQUARED -> {
                float r = Math.max(g, 0f);
                yield r * r;
            }
        };
    }

    public static FfnActivation parse(String text) {
        for (FfnActivation a : values()) {
            if (a.label.equalsIgnoreCase(text) || a.name().equalsIgnoreCase(text)) return a;
        }
        if (text.equalsIgnoreCase("relu-squared") || text.equalsIgnoreCase("relu^2")) return RELU_SQUARED;
        throw new IllegalArgumentException("unknown FFN activation '" + text + "' (expected one of: "
            + Arrays.stream(values()).map(FfnActivation::label).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() { return label; }
}
