package bitnet.workbench.model;

/** The timed steps of one forward pass. Projection steps include quantizing their input. */
public enum ForwardOp {
    EMBEDDING, ATTN_NORM, QKV, ROPE, ATTENTION, ATTN_SUB_NORM, ATTN_OUTPUT,
    FFN_NORM, FFN_GATE_UP, FFN_ACTIVATION, FFN_SUB_NORM, FFN_DOWN, OUTPUT_NORM, LM_HEAD;

    /** Whether the step happens once per token outside the blocks (reported with layer −1). */
    public boolean outsideBlocks() {
        return this == EMBEDDING || this == OUTPUT_NORM || this == LM_HEAD;
    }
}
