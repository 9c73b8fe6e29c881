package bitnet.workbench.app.event;

/**
 * A generation in progress (or just finished): how many tokens it has decoded and its decode speed
 * so far. Published by whatever generates text (the chat view), at most a few times a second;
 * {@code tokens} starts again from a small number for the next generation.
 *
 * @param tokens          tokens decoded so far in this generation
 * @param tokensPerSecond decode tokens per second so far (tokens over decode time, prompt excluded)
 * @param finished        true on the last event of a generation
 */
public record GenerationProgress(int tokens, double tokensPerSecond, boolean finished) implements Event {
    public GenerationProgress {
        if (tokens < 0) throw new IllegalArgumentException("tokens cannot be negative, got " + tokens);
    }
}
