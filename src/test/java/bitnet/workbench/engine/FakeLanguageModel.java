package bitnet.workbench.engine;

import bitnet.workbench.model.ContextOverflowException;
import bitnet.workbench.model.LanguageModel;
import bitnet.workbench.model.Sequence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A model whose logits are a fixed function of the tokens evaluated so far. {@link #favouring}
 * gives logit 10 to one chosen token and 0 to all others, so greedy decoding follows the rule
 * exactly. Every append is recorded so tests can see what the engine evaluated.
 */
final class FakeLanguageModel implements LanguageModel {
    /** Fills the logits that follow {@code history[0..length)}. */
    interface LogitsRule {
        void logits(int[] history, int length, float[] out);
    }

    /** The token the model wants after {@code history[0..length)}. */
    interface NextTokenRule {
        int next(int[] history, int length);
    }

    /** Runs at the start of every append with the append's number (0 = the first). */
    interface AppendHook {
        void beforeAppend(int call) throws InterruptedException;
    }

    private final int vocabSize;
    private final int contextLength;
    private final LogitsRule rule;
    private final List<int[]> appends = Collections.synchronizedList(new ArrayList<>());
    private volatile AppendHook hook = call -> { };
    private final java.util.concurrent.atomic.AtomicInteger openSequences = new java.util.concurrent.atomic.AtomicInteger();

    FakeLanguageModel(int vocabSize, int contextLength, LogitsRule rule) {
        this.vocabSize = vocabSize;
        this.contextLength = contextLength;
        this.rule = rule;
    }

    static FakeLanguageModel favouring(int vocabSize, int contextLength, NextTokenRule next) {
        return new FakeLanguageModel(vocabSize, contextLength, (history, length, out) -> {
            Arrays.fill(out, 0, vocabSize, 0f);
            out[next.next(history, length)] = 10f;
        });
    }

    /** A model that continues every prompt with {@code script}, one token per step, then repeats its last token. */
    static FakeLanguageModel scripted(int vocabSize, int contextLength, int promptLength, int... script) {
        return favouring(vocabSize, contextLength,
            (history, length) -> script[Math.min(length - promptLength, script.length - 1)]);
    }

    void onAppend(AppendHook hook) { this.hook = hook; }

    /** The tokens of every append call so far, in order. */
    List<int[]> appends() { return List.copyOf(appends); }

    int appendedTokenCount() { return appends().stream().mapToInt(a -> a.length).sum(); }

    @Override public int vocabSize() { return vocabSize; }
    @Override public int contextLength() { return contextLength; }
    /** Sequences made and not yet closed. */
    int openSequences() { return openSequences.get(); }

    @Override public Sequence newSequence() {
        openSequences.incrementAndGet();
        return new FakeSequence();
    }
    @Override public void close() { }

    private final class FakeSequence implements Sequence {
        private final int[] history = new int[contextLength];
        private int position;

        @Override public int position() { return position; }

        @Override
        public void append(int[] tokens, int offset, int count, float[] lastLogits) {
            if (position + count > contextLength) {
                throw new ContextOverflowException(count, contextLength - position, contextLength);
            }
            try {
                hook.beforeAppend(appends.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            appends.add(Arrays.copyOfRange(tokens, offset, offset + count));
            System.arraycopy(tokens, offset, history, position, count);
            position += count;
            if (lastLogits != null) rule.logits(history, position, lastLogits);
        }

        @Override
        public void truncate(int newPosition) {
            if (newPosition < 0 || newPosition > position) throw new IllegalArgumentException("bad truncate " + newPosition);
            position = newPosition;
        }

        @Override public void close() { openSequences.decrementAndGet(); }
    }
}
