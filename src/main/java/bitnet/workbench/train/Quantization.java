package bitnet.workbench.train;

/** Which BitLinear quantizers the forward pass applies (the backward pass is straight-through). */
public enum Quantization {
    /** Plain float network: the reference the gradient checks differentiate numerically. */
    NONE(false, false),
    /** Ternary weights, float activations: isolates the weight STE in tests. */
    WEIGHTS(true, false),
    /** BitNet b1.58: ternary weights and int8 per-token activations. What training uses. */
    FULL(true, true);

    private final boolean weights;
    private final boolean activations;

    Quantization(boolean weights, boolean activations) {
        this.weights = weights;
        this.activations = activations;
    }

    public boolean weights() {
        return weights;
    }

    public boolean activations() {
        return activations;
    }
}
