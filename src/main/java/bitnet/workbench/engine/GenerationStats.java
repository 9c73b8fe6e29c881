package bitnet.workbench.engine;

import java.util.Arrays;

/**
 * Measurements of one generation. Times are wall-clock nanoseconds from {@link System#nanoTime()}.
 *
 * @param promptTokens          tokens in the prompt
 * @param reusedPromptTokens    of those, how many were already in the KV cache and were not evaluated again
 * @param generatedTokens       tokens generated (an end-of-generation token included); equals the number of events
 * @param promptNanos           time to evaluate the prompt tokens that were not reused
 * @param timeToFirstTokenNanos from the start of the generation to the first generated token (0 if none)
 * @param tokenLatenciesNanos   per generated token, as in {@link TokenEvent#latencyNanos()}
 * @param stopReason            why the generation ended
 */
public record GenerationStats(int promptTokens, int reusedPromptTokens, int generatedTokens, long promptNanos,
                              long timeToFirstTokenNanos, long[] tokenLatenciesNanos, StopReason stopReason) {
    public GenerationStats {
        tokenLatenciesNanos = tokenLatenciesNanos.clone();
        if (tokenLatenciesNanos.length != generatedTokens) {
            throw new IllegalArgumentException(tokenLatenciesNanos.length + " latencies for " + generatedTokens + " tokens");
        }
    }

    @Override
    public long[] tokenLatenciesNanos() { return tokenLatenciesNanos.clone(); }

    /** Prompt tokens actually evaluated (not reused from the cache). */
    public int evaluatedPromptTokens() { return promptTokens - reusedPromptTokens; }

    /** Evaluated prompt tokens per second; NaN when nothing was timed. */
    public double promptTokensPerSecond() { return perSecond(evaluatedPromptTokens(), promptNanos); }

    /** Time spent on the tokens after the first (the first one's time is mostly prefill). */
    public long decodeNanos() {
        long total = 0;
        for (int i = 1; i < tokenLatenciesNanos.length; i++) total += tokenLatenciesNanos[i];
        return total;
    }

    /** Tokens after the first per second of {@link #decodeNanos()}; NaN with fewer than two tokens. */
    public double decodeTokensPerSecond() { return perSecond(generatedTokens - 1, decodeNanos()); }

    private static double perSecond(int count, long nanos) {
        return count <= 0 || nanos <= 0 ? Double.NaN : count * 1e9 / nanos;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GenerationStats s && promptTokens == s.promptTokens && reusedPromptTokens == s.reusedPromptTokens
            && generatedTokens == s.generatedTokens && promptNanos == s.promptNanos
            && timeToFirstTokenNanos == s.timeToFirstTokenNanos && Arrays.equals(tokenLatenciesNanos, s.tokenLatenciesNanos)
            && stopReason == s.stopReason;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokenLatenciesNanos) + Long.hashCode(timeToFirstTokenNanos) + stopReason.hashCode();
    }

    @Override
    public String toString() {
        return "GenerationStats[prompt=" + promptTokens + " (reused " + reusedPromptTokens + "), generated=" + generatedTokens
            + ", ttft=" + timeToFirstTokenNanos + "ns, prompt " + promptTokensPerSecond() + " tok/s, decode "
            + decodeTokensPerSecond() + " tok/s, stop=" + stopReason + "]";
    }
}
