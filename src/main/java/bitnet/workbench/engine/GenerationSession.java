package bitnet.workbench.engine;

import bitnet.workbench.model.ContextOverflowException;
import bitnet.workbench.model.LanguageModel;
import bitnet.workbench.model.Sequence;
import bitnet.workbench.tokenizer.TokenTextDecoder;
import bitnet.workbench.tokenizer.Tokenizer;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A conversation with a model: one {@link Sequence} (its KV cache) that successive generations
 * reuse. Each {@link #generate} call takes the whole prompt (for a chat: the formatted history plus
 * the new turn), keeps the longest prefix the cache already holds, evaluates only the rest in one
 * step, then samples tokens one at a time, streaming each to a {@link TokenListener}.
 *
 * <p>One generation at a time; {@link #cancel()} may be called from any thread.
 */
public final class GenerationSession implements AutoCloseable {
    private static final AtomicLong GENERATION_IDS = new AtomicLong();

    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final Sequence sequence;
    private final int contextLength;
    private final float[] logits;
    private final int[] cached;
    private final int[] single = new int[1];
    private int cachedCount;
    private final AtomicLong running = new AtomicLong();
    private volatile long cancelled;

    /** A session with a fresh sequence of {@code model}; closing the session closes the sequence, not the model. */
    public GenerationSession(LanguageModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.contextLength = model.contextLength();
        this.logits = new float[model.vocabSize()];
        this.cached = new int[contextLength];
        this.sequence = model.newSequence();
    }

    public LanguageModel model() { return model; }

    public Tokenizer tokenizer() { return tokenizer; }

    public int contextLength() { return contextLength; }

    /** The tokens the KV cache holds, in order (what the next prompt's prefix is compared with). */
    public int[] cachedTokens() { return Arrays.copyOf(cached, cachedCount); }

    /** Empties the KV cache, e.g. for a new chat. */
    public void reset() {
        requireIdle();
        sequence.truncate(0);
        cachedCount = 0;
    }

    /**
     * Asks the running generation to stop. It checks between tokens: the token being computed is
     * still emitted (stop reason {@link StopReason#CANCELLED}), then it returns. Without a running
     * generation this does nothing, so a late click cannot cancel the next one.
     */
    public void cancel() {
        long id = running.get();
        if (id != 0) cancelled = id;
    }

    /** Encodes {@code prompt} with special tokens added and parsed (BOS, chat control tokens), then generates. */
    public GenerationResult generate(String prompt, GenerationSettings settings, TokenListener listener) {
        return generate(tokenizer.encode(prompt, true, true), settings, listener);
    }

    /**
     * Generates a reply to {@code prompt} (token ids of the whole prompt), calling {@code listener}
     * once per generated token, and returns when a {@link StopReason} applies.
     *
     * @throws ContextOverflowException if the prompt alone is longer than the context (nothing is evaluated)
     * @throws IllegalArgumentException if the prompt is empty or holds an id outside the vocabulary
     */
    public GenerationResult generate(int[] prompt, GenerationSettings settings, TokenListener listener) {
        validate(prompt);
        long id = GENERATION_IDS.incrementAndGet();
        if (!running.compareAndSet(0, id)) throw new IllegalStateException("a generation is already running in this session");
        try {
            return run(id, prompt, settings, listener);
        } finally {
            running.set(0);
        }
    }

    private GenerationResult run(long id, int[] prompt, GenerationSettings settings, TokenListener listener) {
        long start = System.nanoTime();
        Sampler sampler = new Sampler(settings.sampling(), logits.length);
        for (int i = Math.max(0, prompt.length - settings.sampling().repeatLastN()); i < prompt.length; i++) {
            sampler.accept(prompt[i]);
        }
        // the last prompt token is always evaluated again: its logits start the reply
        int reused = Math.min(commonPrefix(prompt), prompt.length - 1);
        if (reused < sequence.position()) sequence.truncate(reused);
        cachedCount = reused;
        append(prompt, reused, prompt.length - reused);
        long promptNanos = System.nanoTime() - start;

        int limit = settings.maxTokens() < 0 ? Integer.MAX_VALUE : settings.maxTokens();
        int[] tokens = new int[Math.min(limit, contextLength - prompt.length + 1)];
        long[] latencies = new long[tokens.length];
        StringBuilder text = new StringBuilder();
        TokenTextDecoder decoder = new TokenTextDecoder(tokenizer);
        StopStringMatcher matcher = new StopStringMatcher(settings.stopStrings());
        StopReason reason = limit == 0 ? StopReason.MAX_TOKENS : null;
        int generated = 0;
        long tokenStart = start;
        while (reason == null) {
            int token = sampler.sample(logits);
            sampler.accept(token);
            boolean endOfGeneration = tokenizer.isEndOfGeneration(token);
            String released = matcher.push(endOfGeneration ? "" : decoder.accept(token));
            tokens[generated] = token;
            generated++;
            if (matcher.matched()) reason = StopReason.STOP_STRING;
            else if (endOfGeneration) reason = StopReason.END_OF_GENERATION;
            else if (generated == limit) reason = StopReason.MAX_TOKENS;
            else if (cancelled == id) reason = StopReason.CANCELLED;
            else if (sequence.position() >= contextLength) reason = StopReason.CONTEXT_FULL;
            if (reason != null && reason != StopReason.STOP_STRING) {
                released += matcher.push(decoder.flush());
                if (matcher.matched()) reason = StopReason.STOP_STRING;
                else released += matcher.flush();
            }
            long latency = System.nanoTime() - tokenStart;
            latencies[generated - 1] = latency;
            text.append(released);
            listener.onToken(new TokenEvent(generated - 1, token, released, latency));
            if (reason == null) {
                tokenStart = System.nanoTime();
                single[0] = token;
                append(single, 0, 1);
            }
        }
        GenerationStats stats = new GenerationStats(prompt.length, reused, generated, promptNanos,
            generated == 0 ? 0 : latencies[0], Arrays.copyOf(latencies, generated), reason);
        return new GenerationResult(text.toString(), Arrays.copyOf(tokens, generated), stats);
    }

    private void validate(int[] prompt) {
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt is empty; it needs at least one token (e.g. BOS)");
        if (prompt.length > contextLength) throw ContextOverflowException.forPrompt(prompt.length, contextLength);
        for (int i = 0; i < prompt.length; i++) {
            if (prompt[i] < 0 || prompt[i] >= logits.length) {
                throw new IllegalArgumentException("prompt token " + prompt[i] + " at index " + i
                    + " is outside the model's vocabulary of " + logits.length);
            }
        }
    }

    private int commonPrefix(int[] prompt) {
        int limit = Math.min(cachedCount, prompt.length);
        int i = 0;
        while (i < limit && cached[i] == prompt[i]) i++;
        return i;
    }

    private void append(int[] tokens, int offset, int count) {
        try {
            sequence.append(tokens, offset, count, logits);
        } catch (RuntimeException | Error e) {
            // the cache may hold part of the tokens; start over from an empty one next time
            cachedCount = 0;
            try {
                sequence.truncate(0);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        System.arraycopy(tokens, offset, cached, cachedCount, count);
        cachedCount += count;
    }

    private void requireIdle() {
        if (running.get() != 0) throw new IllegalStateException("a generation is running in this session");
    }

    /** Closes the sequence (frees its KV cache); the model stays open. */
    @Override
    public void close() {
        requireIdle();
        sequence.close();
    }
}
