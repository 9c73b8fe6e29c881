package bitnet.workbench.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The model architectures the forward pass implements, by their {@code general.architecture}
 * string. They share one block structure and differ in the FFN activation, the sub-norms and the
 * RoPE pairing.
 */
public enum Architecture {
    /** bitnet.cpp's name for BitNet b1.58 2B4T: ReLU², sub-norms, NEOX RoPE. */
    BITNET_25("bitnet-25", FfnActivation.RELU_SQUARED, true, RopeStyle.NEOX),
    /** bitnet.cpp's {@code build_bitnet_158}: same graph as {@code bitnet-25}. */
    BITNET_B158("bitnet-b1.58", FfnActivation.RELU_SQUARED, true, RopeStyle.NEOX),
    /** Upstream llama.cpp's (and bitnet.cpp's {@code build_bitnet}) BitNet: SiLU, sub-norms, NEOX RoPE. */
    BITNET("bitnet", FfnActivation.SILU, true, RopeStyle.NEOX),
    /** Ordinary llama: SiLU, no sub-norms, adjacent-pair RoPE. */
    LLAMA("llama", FfnActivation.SILU, false, RopeStyle.NORMAL);

    private final String ggufName;
    private final FfnActivation defaultActivation;
    private final boolean subNorms;
    private final RopeStyle ropeStyle;

    Architecture(String ggufName, FfnActivation defaultActivation, boolean subNorms, RopeStyle ropeStyle) {
        this.ggufName = ggufName;
        this.defaultActivation = defaultActivation;
        this.subNorms = subNorms;
        this.ropeStyle = ropeStyle;
    }

    /** The {@code general.architecture} value, also the prefix of the model's metadata keys. */
    public String ggufName() { return ggufName; }

    public FfnActivation defaultActivation() { return defaultActivation; }

    /** Whether each block normalises the attention output and the FFN hidden state before their projections. */
    public boolean hasSubNorms() { return subNorms; }

    public RopeStyle ropeStyle() { return ropeStyle; }

    public static Architecture of(String ggufName) {
        for (Architecture a : values()) if (a.ggufName.equals(ggufName)) return a;
        throw new UnsupportedArchitectureException(ggufName);
    }

    public static String supportedNames() {
        return Arrays.stream(values()).map(Architecture::ggufName).collect(Collectors.joining(", "));
    }
}
