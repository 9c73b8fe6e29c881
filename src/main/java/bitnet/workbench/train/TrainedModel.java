package bitnet.workbench.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of training in plain form, independent of any file format: shape, tokenizer and the
 * latent float tensors by GGUF name (row-major, one row per output). An exporter turns this into a
 * file; the BitLinear matrices are meant to be stored ternary (absmean scale, the rule training used).
 */
public record TrainedModel(ModelConfig config, BpeVocabulary vocabulary, Map<String, float[]> tensors,
                           Map<String, int[]> shapes) {
    public TrainedModel {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
        if (vocabulary.size() != config.vocabSize()) {
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " tokens, the model " + config.vocabSize());
        }
        if (!tensors.keySet().equals(shapes.keySet())) throw new IllegalArgumentException("every tensor needs a shape");
    }

    /** A copy of the current weights. */
    public static TrainedModel of(ModelParameters params, BpeVocabulary vocabulary) {
        Map<String, float[]> t = new LinkedHashMap<>();
        Map<String, int[]> s = new LinkedHashMap<>();
        for (Parameter p : params.all()) {
            t.put(p.name(), p.values().clone());
            s.put(p.name(), new int[]{p.rows(), p.cols()});
        }
        return new TrainedModel(params.config(), vocabulary, t, s);
    }

    /** Whether a tensor is a BitLinear weight (ternary when exported); the rest are norms and the embedding. */
    public static boolean isTernary(String name) {
        return name.startsWith("blk.") && (name.endsWith("attn_q.weight") || name.endsWith("attn_k.weight")
            || name.endsWith("attn_v.weight") || name.endsWith("attn_output.weight") || name.endsWith("ffn_gate.weight")
            || name.endsWith("ffn_up.weight") || name.endsWith("ffn_down.weight"));
    }
}
