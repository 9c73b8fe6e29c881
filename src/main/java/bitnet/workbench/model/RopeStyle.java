package bitnet.workbench.model;

/** Which pairs of a head's dimensions RoPE rotates together. */
public enum RopeStyle {
    /** Adjacent pairs (2i, 2i+1): llama ({@code LLAMA_ROPE_TYPE_NORM}). */
    NORMAL,
    /** Halves (i, i + d/2): GPT-NeoX style, used by every BitNet architecture. */
    NEOX
}
