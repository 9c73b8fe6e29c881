package bitnet.workbench.train;

/**
 * Greedy continuation of a prompt with the training forward pass, to watch a model learn. The
 * network is causal, so one fixed-length pass per new token (padding after the last real token)
 * gives the next token's logits without reallocating buffers.
 */
public final class GreedyContinuation {
    private GreedyContinuation() {
    }

    /** BOS + prompt, then up to {@code newTokens} argmax tokens (fewer when the context is full or EOS comes). */
    public static String of(TrainableModel model, BpeEncoder encoder, String prompt, int newTokens) {
        BpeVocabulary v = encoder.vocabulary();
        int[] promptIds = encoder.encode(prompt);
        int ctx = model.parameters().config().contextLength();
        int length = Math.min(ctx, 1 + promptIds.length + newTokens);
        if (1 + promptIds.length >= length) return prompt;
        int[] seq = new int[length];
        seq[0] = v.bosId();
        System.arraycopy(promptIds, 0, seq, 1, promptIds.length);
        int n = 1 + promptIds.length;
        int vocab = v.size();
        while (n < length) {
            float[] logits = model.logits(seq);
            int best = 0, o = (n - 1) * vocab;
            for (int j = 1; j < vocab; j++) if (logits[o + j] > logits[o + best]) best = j;
            if (best == v.eosId()) break;
            seq[n++] = best;
        }
        return encoder.decode(java.util.Arrays.copyOfRange(seq, 1, n));
    }
}
