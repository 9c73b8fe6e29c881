package bitnet.workbench.engine;

import java.util.List;

/**
 * What one generation may do.
 *
 * @param sampling    how tokens are chosen
 * @param maxTokens   the most tokens to generate; 0 only evaluates the prompt (warming the cache);
 *                    negative means no limit other than the context
 * @param stopStrings texts that end the generation when they appear; they are not emitted
 */
public record GenerationSettings(SamplerSettings sampling, int maxTokens, List<String> stopStrings) {
    public static final int NO_LIMIT = -1;

    public GenerationSettings {
        if (sampling == null) throw new IllegalArgumentException("sampling settings are required");
        stopStrings = List.copyOf(stopStrings);
        for (String stop : stopStrings) {
            if (stop.isEmpty()) throw new IllegalArgumentException("a stop string must not be empty");
        }
    }

    /** llama.cpp's sampling defaults, no token limit, no stop strings. */
    public static GenerationSettings defaults() {
        return new GenerationSettings(SamplerSettings.defaults(), NO_LIMIT, List.of());
    }

    public GenerationSettings withSampling(SamplerSettings value) { return new GenerationSettings(value, maxTokens, stopStrings); }
    public GenerationSettings withMaxTokens(int value) { return new GenerationSettings(sampling, value, stopStrings); }
    public GenerationSettings withStopStrings(List<String> value) { return new GenerationSettings(sampling, maxTokens, value); }
}
