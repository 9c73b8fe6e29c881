package bitnet.workbench.model;

/**
 * Whether the final hidden state is rounded to F16 before the output projection. llama.cpp converts
 * the input of every F16 matrix to F16 (so the logits of an F16 lm_head see a rounded input), which
 * shifts logits by up to ~1e-3; matching it matters only when comparing against that engine.
 */
public enum LmHeadInput {
    /** Round to F16 when the activation rule is {@code q8k-blocks} (llama.cpp numerics) and the lm_head is F16. */
    AUTO,
    /** Never round. */
    FLOAT,
    /** Round whenever the lm_head is F16. */
    F16
}
