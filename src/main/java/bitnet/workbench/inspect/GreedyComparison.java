package bitnet.workbench.inspect;

import bitnet.workbench.model.Sequence;
import bitnet.workbench.model.TransformerModel;
import bitnet.workbench.tokenizer.Tokenizer;

import java.util.Arrays;

/** The greedy continuations of one prompt by two models that share a tokenizer, and how long they agree. */
public record GreedyComparison(String prompt, int[] first, String firstText, int[] second, String secondText, int agreeing) {

    public GreedyComparison {
        first = first.clone();
        second = second.clone();
    }

    @Override
    public int[] first() { return first.clone(); }

    @Override
    public int[] second() { return second.clone(); }

    public static GreedyComparison run(TransformerModel a, TransformerModel b, Tokenizer tokenizer, String prompt, int maxTokens) {
        int[] promptTokens = tokenizer.encode(prompt, true, false);
        if (promptTokens.length == 0) throw new IllegalArgumentException("the prompt has no tokens; type some text");
        int[] x = greedy(a, tokenizer, promptTokens, maxTokens);
        int[] y = greedy(b, tokenizer, promptTokens, maxTokens);
        int same = 0;
        while (same < Math.min(x.length, y.length) && x[same] == y[same]) same++;
        return new GreedyComparison(prompt, x, tokenizer.decode(x), y, tokenizer.decode(y), same);
    }

    /** Up to {@code max} argmax tokens (lowest id wins a tie), stopping after an end-of-generation token. */
    public static int[] greedy(TransformerModel model, Tokenizer tokenizer, int[] prompt, int max) {
        int room = Math.min(max, model.contextLength() - prompt.length);
        if (room <= 0) throw new IllegalArgumentException("the prompt fills the model's context of " + model.contextLength() + " tokens");
        int[] out = new int[room];
        int n = 0;
        float[] logits = new float[model.vocabSize()];
        try (Sequence seq = model.newSequence()) {
            seq.append(prompt, 0, prompt.length, logits);
            while (n < room) {
                int next = 0;
                for (int i = 1; i < logits.length; i++) if (logits[i] > logits[next]) next = i;
                out[n++] = next;
                if (tokenizer.isEndOfGeneration(next) || n == room) break;
                seq.append(new int[] {next}, 0, 1, logits);
            }
        }
        return Arrays.copyOf(out, n);
    }
}
