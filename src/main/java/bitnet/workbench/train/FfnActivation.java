package bitnet.workbench.train;

/** The gate activation of the gated FFN; which one a model uses is part of its architecture string. */
public enum FfnActivation {
    /** {@code relu(g)²}: BitNet b1.58 2B4T, architecture {@code bitnet-b1.58}. */
    RELU2("bitnet-b1.58") {
        @Override
        public float apply(float g) {
            return g > 0 ? g * g : 0f;
        }

        @Override
        public float derivative(float g) {
            return g > 0 ? 2 * g : 0f;
        }
    },
    /** {@code silu(g) = g·σ(g)}: upstream llama.cpp's {@code bitnet} architecture. */
    SILU("bitnet") {
        @Override
        public float apply(float g) {
            return (float) (g / (1 + Math.exp(-g)));
        }

        @Override
        public float derivative(float g) {
            double sig = 1 / (1 + Math.exp(-g));
            return (float) (sig * (1 + g * (1 - sig)));
        }
    };

    private final String architecture;

    FfnActivation(String architecture) {
        this.architecture = architecture;
    }

    /** The GGUF {@code general.architecture} that implies this activation. */
    public String architecture() {
        return architecture;
    }

    public abstract float apply(float g);

    public abstract float derivative(float g);

    public static FfnActivation parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "relu2", "relu-squared", "relu_sqr" -> RELU2;
            case "silu", "swish" -> SILU;
            default -> throw new IllegalArgumentException("unknown FFN activation '" + name + "' (use relu2 or silu)");
        };
    }
}
