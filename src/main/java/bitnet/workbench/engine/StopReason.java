package bitnet.workbench.engine;

/** Why a generation ended. */
public enum StopReason {
    /** The model produced an end-of-generation token (EOS, EOT ...); it is the last generated token. */
    END_OF_GENERATION,
    /** The text reached one of the stop strings; neither it nor anything after it was emitted. */
    STOP_STRING,
    /** The requested number of tokens was generated. */
    MAX_TOKENS,
    /** {@link GenerationSession#cancel()} was called; the token being computed then was still emitted. */
    CANCELLED,
    /**
     * The last position of the context was used: the final token was sampled and emitted but could
     * not be appended, so nothing more can follow it. The engine does not shift the context; start
     * a shorter prompt (e.g. drop old chat turns) to continue.
     */
    CONTEXT_FULL
}
