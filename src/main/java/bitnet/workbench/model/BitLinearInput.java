package bitnet.workbench.model;

/** The four activation vectors of a block that feed projections (BitLinear layers in a ternary model). */
public enum BitLinearInput {
    /** Normalised block input, shared by Q, K and V. */
    ATTN_QKV,
    /** Attention output (after the sub-norm in BitNet), input of O. */
    ATTN_OUTPUT,
    /** Normalised residual, shared by gate and up. */
    FFN_GATE_UP,
    /** act(gate)·up (after the sub-norm in BitNet), input of down. */
    FFN_DOWN
}
