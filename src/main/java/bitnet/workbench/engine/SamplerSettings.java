package bitnet.workbench.engine;

/**
 * How the next token is chosen from the logits, with llama.cpp's meanings and defaults.
 *
 * @param temperature   divides the logits before the final draw; {@code <= 0} means greedy (argmax)
 * @param topK          keep the {@code topK} most likely tokens; 0 turns it off
 * @param topP          keep the smallest set of most likely tokens whose probability reaches {@code topP}; 1 turns it off
 * @param minP          drop tokens less likely than {@code minP} times the most likely one; 0 turns it off
 * @param repeatPenalty divides positive / multiplies non-positive logits of recently seen tokens; 1 turns it off
 * @param repeatLastN   how many recent tokens (prompt included) the repeat penalty looks at; 0 turns it off
 * @param seed          seed of the random draw; {@link #RANDOM_SEED} picks a fresh one per sampler
 */
public record SamplerSettings(float temperature, int topK, float topP, float minP, float repeatPenalty,
                              int repeatLastN, long seed) {
    /** Asks for a seed taken from the clock, like llama.cpp's LLAMA_DEFAULT_SEED. */
    public static final long RANDOM_SEED = -1L;

    public SamplerSettings {
        if (Float.isNaN(temperature) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number, got " + temperature);
        }
        if (topK < 0) throw new IllegalArgumentException("top-k must be 0 (off) or positive, got " + topK);
        if (!(topP >= 0f && topP <= 1f)) throw new IllegalArgumentException("top-p must be between 0 and 1, got " + topP);
        if (!(minP >= 0f && minP <= 1f)) throw new IllegalArgumentException("min-p must be between 0 and 1, got " + minP);
        if (!(repeatPenalty > 0f) || Float.isInfinite(repeatPenalty)) {
            throw new IllegalArgumentException("repeat penalty must be a positive number (1 = off), got " + repeatPenalty);
        }
        if (repeatLastN < 0) throw new IllegalArgumentException("repeat-last-n must be 0 (off) or positive, got " + repeatLastN);
    }

    /** llama.cpp's defaults: temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, no repeat penalty (window 64), random seed. */
    public static SamplerSettings defaults() {
        return new SamplerSettings(0.8f, 40, 0.95f, 0.05f, 1.0f, 64, RANDOM_SEED);
    }

    /** Always the most likely token (after the repeat penalty, which is off here). */
    public static SamplerSettings greedy() {
        return defaults().withTemperature(0f);
    }

    public boolean isGreedy() { return temperature <= 0f; }

    public SamplerSettings withTemperature(float value) { return new SamplerSettings(value, topK, topP, minP, repeatPenalty, repeatLastN, seed); }
    public SamplerSettings withTopK(int value) { return new SamplerSettings(temperature, value, topP, minP, repeatPenalty, repeatLastN, seed); }
    public SamplerSettings withTopP(float value) { return new SamplerSettings(temperature, topK, value, minP, repeatPenalty, repeatLastN, seed); }
    public SamplerSettings withMinP(float value) { return new SamplerSettings(temperature, topK, topP, value, repeatPenalty, repeatLastN, seed); }
    public SamplerSettings withRepeatPenalty(float value) { return new SamplerSettings(temperature, topK, topP, minP, value, repeatLastN, seed); }
    public SamplerSettings withRepeatLastN(int value) { return new SamplerSettings(temperature, topK, topP, minP, repeatPenalty, value, seed); }
    public SamplerSettings withSeed(long value) { return new SamplerSettings(temperature, topK, topP, minP, repeatPenalty, repeatLastN, value); }
}
