package bitnet.workbench.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The gate activation of the gated FFN: {@code act(gate) · up}. */
public enum FfnActivation {
    /** {@code silu(g) = g / (1 + e^-g)}: llama, and the {@code bitnet} architecture in both engines. */
    SILU("silu"),
    /** {@code relu(g)²}: BitNet b1.58 2B4T ({@code bitnet-b1.58}, {@code bitnet-25} in bitnet.cpp). */
    RELU_SQUARED("relu2");

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

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

    /** {@code gate[j] = apply(gate[j]) · up[j]} for j &lt; n; the same floats as that loop. */
    public void applyGated(float[] gate, float[] up, int n) {
        int j = 0;
        if (this == RELU_SQUARED) {
            // r·r·u in the scalar order (no fused multiply-add), so the results are bit for bit the loop's
            for (int end = F.loopBound(n); j < end; j += F.length()) {
                FloatVector r = FloatVector.fromArray(F, gate, j).max(0f);
                r.mul(r).mul(FloatVector.fromArray(F, up, j)).intoArray(gate, j);
            }
        }
        for (; j < n; j++) gate[j] = apply(gate[j]) * up[j];
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
