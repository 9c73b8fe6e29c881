package bitnet.workbench.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte-level BPE vocabulary in the form GGUF {@code gpt2} tokenizers store it:
 * {@code tokenizer.ggml.tokens} (byte-level spelled), {@code tokenizer.ggml.token_type},
 * {@code tokenizer.ggml.merges} ("left right", in priority order) and {@code tokenizer.ggml.pre}.
 */
public record BpeVocabulary(List<String> tokens, int[] tokenTypes, List<String> merges, PreTokenizer preTokenizer,
                            int bosId, int eosId) {
    /** llama.cpp token types. */
    public static final int TYPE_NORMAL = 1;
    public static final int TYPE_CONTROL = 3;
    public static final String BOS = "<|begin_of_text|>";
    public static final String EOS = "<|end_of_text|>";

    public BpeVocabulary {
        tokens = List.copyOf(tokens);
        merges = List.copyOf(merges);
        tokenTypes = tokenTypes.clone();
        if (tokenTypes.length != tokens.size()) throw new IllegalArgumentException("one type per token is required");
        if (bosId < 0 || bosId >= tokens.size() || eosId < 0 || eosId >= tokens.size()) {
            throw new IllegalArgumentException("BOS/EOS ids outside the vocabulary");
        }
    }

    public int size() {
        return tokens.size();
    }

    /** Token string to id (the first id when a string occurs twice, which a trained vocabulary never does). */
    public Map<String, Integer> ids() {
        Map<String, Integer> m = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) m.putIfAbsent(tokens.get(i), i);
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BpeVocabulary v && tokens.equals(v.tokens) && java.util.Arrays.equals(tokenTypes, v.tokenTypes)
            && merges.equals(v.merges) && preTokenizer == v.preTokenizer && bosId == v.bosId && eosId == v.eosId;
    }

    @Override
    public int hashCode() {
        return tokens.hashCode() * 31 + merges.hashCode();
    }

    @Override
    public String toString() {
        return "BpeVocabulary[" + tokens.size() + " tokens, " + merges.size() + " merges, pre=" + preTokenizer.ggufName() + "]";
    }
}
