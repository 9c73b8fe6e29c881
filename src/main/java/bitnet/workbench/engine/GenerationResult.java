package bitnet.workbench.engine;

/**
 * The outcome of one generation.
 *
 * @param text   everything emitted to the listener, concatenated
 * @param tokens every generated token id in order (an end-of-generation token included)
 * @param stats  timings and the stop reason
 */
public record GenerationResult(String text, int[] tokens, GenerationStats stats) {
    public GenerationResult {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() { return tokens.clone(); }
}
