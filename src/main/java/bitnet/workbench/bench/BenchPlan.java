package bitnet.workbench.bench;

import bitnet.workbench.kernel.Kernels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a benchmark run measures: every combination of {@code threads} × {@code kernels} on one
 * model, each with {@code warmup} untimed and {@code repetitions} timed repetitions of a prompt of
 * {@code promptTokens} (evaluated as one batch, like llama-bench's pp) and {@code decodeTokens} tokens
 * decoded one at a time. Decoding starts from an empty context, as llama-bench's tg does, so the two
 * tools' decode figures measure the same positions; with {@code decodeAfterPrompt} it continues
 * after the prompt instead (positions {@code promptTokens ..}), as a chat reply does, and each
 * token then also reads the prompt's keys and values.
 *
 * <p>Token ids are pseudo-random, drawn uniformly from the vocabulary by a
 * {@link java.util.SplittableRandom} seeded with {@code seed} (llama-bench also uses random ids): the
 * same ids on every machine and in every repetition, and speed does not depend on which ids they are.
 */
public record BenchPlan(Path model, List<Integer> threads, List<String> kernels, int promptTokens, int decodeTokens,
                        int repetitions, int warmup, long seed, boolean decodeAfterPrompt) {
    public static final int DEFAULT_PROMPT_TOKENS = 128;
    public static final int DEFAULT_DECODE_TOKENS = 64;
    public static final int DEFAULT_REPETITIONS = 5;
    public static final int DEFAULT_WARMUP = 1;
    public static final long DEFAULT_SEED = 42;

    /** Decoding from an empty context, as llama-bench's tg. */
    public BenchPlan(Path model, List<Integer> threads, List<String> kernels, int promptTokens, int decodeTokens,
                     int repetitions, int warmup, long seed) {
        this(model, threads, kernels, promptTokens, decodeTokens, repetitions, warmup, seed, false);
    }

    public BenchPlan {
        Objects.requireNonNull(model, "model");
        threads = List.copyOf(threads);
        kernels = List.copyOf(kernels);
        if (threads.isEmpty()) throw new IllegalArgumentException("give at least one thread count");
        if (kernels.isEmpty()) throw new IllegalArgumentException("give at least one kernel");
        for (int t : threads) if (t < 1) throw new IllegalArgumentException("thread counts must be at least 1, got " + t);
        if (new HashSet<>(threads).size() != threads.size()) throw new IllegalArgumentException("thread counts repeat: " + threads);
        if (new HashSet<>(kernels).size() != kernels.size()) throw new IllegalArgumentException("kernels repeat: " + kernels);
        List<String> available = Kernels.names();
        for (String k : kernels) {
            if (!available.contains(k)) {
                throw new IllegalArgumentException("unknown kernel '" + k + "'; available kernels: " + String.join(", ", available));
            }
        }
        if (promptTokens < 1) throw new IllegalArgumentException("the prompt must have at least 1 token, got " + promptTokens);
        if (decodeTokens < 1) throw new IllegalArgumentException("decode at least 1 token, got " + decodeTokens);
        if (repetitions < 1) throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
        if (warmup < 0) throw new IllegalArgumentException("warm-up repetitions cannot be negative, got " + warmup);
    }

    /** The defaults of the {@code bench} command: 1 thread, the recommended kernel, pp 128, tg 64, 5 repetitions after 1 warm-up. */
    public static BenchPlan of(Path model) {
        return new BenchPlan(model, List.of(1), List.of(Kernels.recommended()), DEFAULT_PROMPT_TOKENS, DEFAULT_DECODE_TOKENS,
            DEFAULT_REPETITIONS, DEFAULT_WARMUP, DEFAULT_SEED);
    }

    /** The first position a decoded token takes: 0, or right after the prompt. */
    public int decodeStart() {
        return decodeAfterPrompt ? promptTokens : 0;
    }

    /** In run order: thread counts outermost, kernels inner, as given. */
    public List<Combination> combinations() {
        List<Combination> all = new ArrayList<>();
        for (int t : threads) for (String k : kernels) all.add(new Combination(t, k));
        return all;
    }

    /** Warm-up plus timed repetitions of each combination. */
    public int repetitionsPerCombination() {
        return warmup + repetitions;
    }

    /** Tokens the whole run evaluates, for progress bars. */
    public long totalTokens() {
        return (long) combinations().size() * repetitionsPerCombination() * (promptTokens + decodeTokens);
    }
}
