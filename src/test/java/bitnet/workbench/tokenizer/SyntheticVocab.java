package bitnet.workbench.tokenizer;

import bitnet.workbench.gguf.GgufArray;
import bitnet.workbench.gguf.GgufMetadata;
import bitnet.workbench.gguf.GgufValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small hand-made vocabularies, so single rules can be checked with results worked out by hand. */
final class SyntheticVocab {
    final List<String> tokens = new ArrayList<>();
    final List<Float> scores = new ArrayList<>();
    final List<Integer> types = new ArrayList<>();
    final List<String> merges = new ArrayList<>();
    final Map<String, GgufValue> extra = new LinkedHashMap<>();
    private final String model;

    SyntheticVocab(String model) {
        this.model = model;
    }

    /** SPM layout: <unk>, <s>, </s>, then the 256 byte tokens. */
    static SyntheticVocab spmWithBytes() {
        SyntheticVocab v = new SyntheticVocab("llama");
        v.add("<unk>", 0, 2).add("<s>", 0, 3).add("</s>", 0, 3);
        for (int b = 0; b < 256; b++) v.add(String.format("<0x%02X>", b), 0, 6);
        return v;
    }

    SyntheticVocab add(String text, float score, int type) {
        tokens.add(text);
        scores.add(score);
        types.add(type);
        return this;
    }

    SyntheticVocab normal(String text, float score) {
        return add(text, score, 1);
    }

    int id(String text) {
        return tokens.indexOf(text);
    }

    SyntheticVocab merge(String left, String right) {
        merges.add(left + " " + right);
        return this;
    }

    SyntheticVocab with(String key, GgufValue value) {
        extra.put(key, value);
        return this;
    }

    GgufMetadata metadata() {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("tokenizer.ggml.model", GgufValue.ofString(model));
        m.put("tokenizer.ggml.tokens", GgufValue.ofArray(GgufArray.ofStrings(tokens.toArray(String[]::new))));
        float[] s = new float[scores.size()];
        for (int i = 0; i < s.length; i++) s[i] = scores.get(i);
        m.put("tokenizer.ggml.scores", GgufValue.ofArray(GgufArray.ofFloats(s)));
        m.put("tokenizer.ggml.token_type", GgufValue.ofArray(GgufArray.ofInt32s(types.stream().mapToInt(Integer::intValue).toArray())));
        if (!merges.isEmpty()) m.put("tokenizer.ggml.merges", GgufValue.ofArray(GgufArray.ofStrings(merges.toArray(String[]::new))));
        m.putAll(extra);
        return new GgufMetadata(m);
    }

    Tokenizer tokenizer() {
        return Tokenizers.fromMetadata(metadata());
    }
}
