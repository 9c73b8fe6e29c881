package bitnet.workbench.engine;

import bitnet.workbench.model.LanguageModel;
import bitnet.workbench.model.Sequence;
import bitnet.workbench.tokenizer.TokenTextDecoder;
import bitnet.workbench.tokenizer.Tokenizer;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A short generation on a sequence of its own, run once a model is open, so that the JIT has
 * compiled the forward pass, the sampler and the detokenizer before the user's first request.
 * Until C2 has compiled them, the kernels run in the interpreter and in C1's code, where every
 * Vector API value is a boxed object: on the 2B4T-shaped file with two threads, the first reply's
 * 46-token prompt took 4.6 s (0.51 s after this warm-up) and it decoded at 19.8 tok/s (28.8 after).
 *
 * <p>The work goes in {@linkplain #step() steps}: the prompt in two halves (each one batch), then
 * each decoded token. A caller can stop or pause between steps, so work that arrives meanwhile
 * waits for one step at most, and what was compiled so far stays compiled. Rounds of these repeat
 * until {@code minNanos} have passed: C2 compiles a method once it has run often enough, and one
 * round of a small model runs each loop too few times (the shipped 4.6M-parameter model needed
 * three replies to reach its full speed). A round of the 2B model takes longer than the default
 * minimum by itself. The model's state is untouched: the sequence is the warm-up's own, freed by
 * {@link #close()}. Not thread-safe.
 */
public final class EngineWarmUp implements AutoCloseable {
    /** Enough for a full prompt batch (the forward pass batches up to 32 tokens) in two steps. */
    static final int PROMPT_TOKENS = 32;
    /** C2 had compiled the decode path after about six tokens; eight leave a margin. */
    static final int DECODED_TOKENS = 8;
    private static final String TEXT = "A ternary weight is minus one, zero or plus one, so a matrix product needs no "
        + "multiplications: each activation is added, skipped or subtracted. The lookup table holds the sums of "
        + "three activations for every pattern of three weights, and the packed weights index it directly.";
    private static final long SEED = 20261127L;
    /** How long warm-up rounds repeat by default. */
    public static final long DEFAULT_MIN_NANOS = 3_000_000_000L;

    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final int[] prompt;
    private final int decode;
    private final float[] logits;
    private final int[] single = new int[1];
    private final long minNanos;
    private final long start = System.nanoTime();
    private Sequence sequence;
    private Sampler sampler;
    private TokenTextDecoder decoder;
    private int promptDone;
    private int decoded;
    private int rounds;
    private int promptTotal;
    private int decodedTotal;

    /** A warm-up of {@code model} for at least {@link #DEFAULT_MIN_NANOS}; it allocates nothing until the first step. */
    public EngineWarmUp(LanguageModel model, Tokenizer tokenizer) {
        this(model, tokenizer, DEFAULT_MIN_NANOS);
    }

    /** A warm-up whose rounds repeat until {@code minNanos} have passed since its creation (0: one round). */
    public EngineWarmUp(LanguageModel model, Tokenizer tokenizer, long minNanos) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.minNanos = minNanos;
        int[] p = prompt(tokenizer, model.contextLength(), model.vocabSize());
        this.prompt = p.length < 2 ? new int[0] : p;
        this.decode = prompt.length == 0 ? 0 : Math.max(0, Math.min(DECODED_TOKENS, model.contextLength() - prompt.length));
        this.logits = new float[model.vocabSize()];
    }

    /**
     * What a warm-up did.
     *
     * @param promptTokens  prompt tokens evaluated, over all rounds
     * @param decodedTokens tokens sampled after a prompt, over all rounds
     * @param plannedTokens prompt plus decoded tokens of one complete round
     * @param rounds        rounds completed
     * @param nanos         wall time from its creation
     * @param stopped       whether it ended before it was {@linkplain #done() done}
     */
    public record Outcome(int promptTokens, int decodedTokens, int plannedTokens, int rounds, long nanos, boolean stopped) {
        public double seconds() { return nanos / 1e9; }
    }

    /** True once a round is complete and the minimum time has passed (at once for a model too small to warm up). */
    public boolean done() {
        return prompt.length == 0 || rounds > 0 && !roundStarted() && System.nanoTime() - start >= minNanos;
    }

    private boolean roundStarted() {
        return promptDone > 0;
    }

    /** Runs the next step; false if there was none left. */
    public boolean step() {
        if (done()) return false;
        if (sequence == null) {
            sequence = model.newSequence();
            decoder = new TokenTextDecoder(tokenizer);
        }
        if (!roundStarted()) {
            sequence.truncate(0);
            sampler = new Sampler(SamplerSettings.defaults().withSeed(SEED + rounds), logits.length);
        }
        if (promptDone < prompt.length) {
            int n = promptDone == 0 ? prompt.length / 2 : prompt.length - promptDone;
            sequence.append(prompt, promptDone, n, logits);
            for (int i = promptDone; i < promptDone + n; i++) sampler.accept(prompt[i]);
            promptDone += n;
            promptTotal += n;
        } else {
            int token = sampler.sample(logits);
            sampler.accept(token);
            decoder.accept(token);
            decoded++;
            decodedTotal++;
            // the last sampled token is not evaluated: nothing would read its logits
            if (decoded < decode) {
                single[0] = token;
                sequence.append(single, 0, 1, logits);
            }
        }
        if (promptDone == prompt.length && decoded == decode) {
            rounds++;
            promptDone = 0;
            decoded = 0;
        }
        return true;
    }

    /** What has been done so far. */
    public Outcome outcome() {
        return new Outcome(promptTotal, decodedTotal, prompt.length + decode, rounds, System.nanoTime() - start, !done());
    }

    /** Frees the sequence; the model stays open. */
    @Override
    public void close() {
        if (sequence != null) sequence.close();
        sequence = null;
    }

    /** Warms {@code model} up on the caller's thread, asking {@code stop} before each step. */
    public static Outcome run(LanguageModel model, Tokenizer tokenizer, BooleanSupplier stop) {
        return run(new EngineWarmUp(model, tokenizer), stop);
    }

    static Outcome run(EngineWarmUp warmUp, BooleanSupplier stop) {
        try (EngineWarmUp w = warmUp) {
            while (!w.done() && !stop.getAsBoolean()) w.step();
            return w.outcome();
        }
    }

    /** A warm-up running on a thread of its own. */
    public static final class Background {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

        private Background() {
        }

        /**
         * Asks the warm-up to end after its current step and waits for it: after this returns the
         * model is free for the caller. The outcome, or null if the warm-up failed.
         */
        public Outcome stopAndWait() {
            stop.set(true);
            try {
                return outcome.join();
            } catch (CompletionException e) {
                return null;
            }
        }
    }

    /**
     * Starts warming {@code model} up on a daemon thread (a terminal chat does this while the user
     * types). Nothing else may use the model until {@link Background#stopAndWait()} has returned.
     */
    public static Background inBackground(LanguageModel model, Tokenizer tokenizer) {
        Background b = new Background();
        Thread.ofPlatform().daemon().name("engine-warm-up").start(() -> {
            try {
                b.outcome.complete(run(model, tokenizer, b.stop::get));
            } catch (RuntimeException | Error e) {
                b.outcome.completeExceptionally(e);
            }
        });
        return b;
    }

    /**
     * Up to {@link #PROMPT_TOKENS} tokens of a fixed text, leaving room in the context for the
     * decoded tokens; ids outside the model's vocabulary (a tokenizer larger than the model) are
     * left out.
     */
    static int[] prompt(Tokenizer tokenizer, int contextLength, int vocabSize) {
        int length = Math.min(PROMPT_TOKENS, contextLength / 2);
        int[] ids = tokenizer.encode(TEXT, true, false);
        int[] out = new int[Math.min(length, ids.length)];
        int n = 0;
        for (int id : ids) {
            if (n == out.length) break;
            if (id >= 0 && id < vocabSize) out[n++] = id;
        }
        return Arrays.copyOf(out, n);
    }
}
