package bitnet.workbench.inspect;

import bitnet.workbench.model.BitLinearInput;
import bitnet.workbench.model.Sequence;
import bitnet.workbench.model.TransformerModel;
import bitnet.workbench.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a prompt through a model on a fresh sequence of its own with an {@link ActivationRecorder}
 * attached, so no other sequence (the chat's) ever carries a probe. Runs on the caller's thread.
 */
public final class ActivationRun {
    /** Longest prompt recorded, in tokens: the heatmap needs a column per token to stay readable. */
    public static final int MAX_TOKENS = 256;

    private ActivationRun() {
    }

    /** The recording, and the captured vectors if a layer and input were asked for. */
    public record Result(ActivationRecording recording, List<ActivationCapture> captures) {
        public Optional<ActivationCapture> capture(int token) {
            return captures.stream().filter(c -> c.token() == token).findFirst();
        }
    }

    /** Tokens of {@code prompt} with BOS as the model adds it. */
    public static int[] tokenize(Tokenizer tokenizer, String prompt) {
        return tokenizer.encode(prompt, true, false);
    }

    public static Result record(TransformerModel model, Tokenizer tokenizer, String prompt) {
        return record(model, tokenizer, prompt, -1, null);
    }

    /** Records {@code prompt}; with {@code captureInput} non-null also keeps that layer's input vector for every token. */
    public static Result record(TransformerModel model, Tokenizer tokenizer, String prompt, int captureLayer, BitLinearInput captureInput) {
        int[] tokens = tokenize(tokenizer, prompt);
        if (tokens.length == 0) throw new IllegalArgumentException("the prompt has no tokens; type some text");
        if (tokens.length > MAX_TOKENS) {
            throw new IllegalArgumentException("the prompt has " + tokens.length + " tokens; at most " + MAX_TOKENS + " can be recorded");
        }
        if (tokens.length > model.contextLength()) {
            throw new IllegalArgumentException("the prompt has " + tokens.length + " tokens but the model's context holds " + model.contextLength());
        }
        int layers = model.config().blockCount();
        ActivationRecorder rec = new ActivationRecorder(layers, tokens.length, captureLayer, captureInput);
        try (Sequence seq = model.newSequence()) {
            seq.setProbe(rec);
            seq.append(tokens, 0, tokens.length, null);
        }
        List<String> texts = new ArrayList<>(tokens.length);
        for (int t : tokens) texts.add(tokenizer.tokenText(t));
        ActivationRecording recording = new ActivationRecording(prompt, tokens, texts, layers, rec.absMaxArray());
        List<ActivationCapture> captures = new ArrayList<>();
        if (captureInput != null) {
            for (int p = 0; p < tokens.length; p++) {
                float[] v = rec.captured(p);
                if (v != null) captures.add(ActivationCapture.of(captureLayer, captureInput, p, v));
            }
        }
        return new Result(recording, captures);
    }
}
