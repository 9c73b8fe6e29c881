package bitnet.workbench.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a GGUF file of a {@link TrainedModel} contains, as plain data: the metadata keys (values are
 * String, Integer (uint32), Float, Boolean, List&lt;String&gt; or int[] (int32 array)) and the tensors in
 * GGUF order with GGUF shapes (dimension 0 innermost). An exporter only has to encode these; the
 * choices of names and keys live here, next to the trainer that defines the model.
 */
public record GgufLayout(Map<String, Object> metadata, List<Tensor> tensors) {
    /** One tensor: {@code ternary} marks a BitLinear weight to be stored as I2_S / TQ2_0. */
    public record Tensor(String name, long[] shape, float[] data, boolean ternary) {
    }

    public GgufLayout {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    public static GgufLayout of(TrainedModel model, String modelName) {
        ModelConfig c = model.config();
        String arch = c.activation().architecture();
        BpeVocabulary v = model.vocabulary();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("general.architecture", arch);
        m.put("general.name", modelName);
        m.put(arch + ".vocab_size", c.vocabSize());
        m.put(arch + ".context_length", c.contextLength());
        m.put(arch + ".embedding_length", c.dim());
        m.put(arch + ".block_count", c.layers());
        m.put(arch + ".feed_forward_length", c.ffnDim());
        m.put(arch + ".attention.head_count", c.heads());
        m.put(arch + ".attention.head_count_kv", c.kvHeads());
        m.put(arch + ".attention.layer_norm_rms_epsilon", c.normEps());
        m.put(arch + ".rope.freq_base", c.ropeTheta());
        m.put(arch + ".rope.dimension_count", c.headDim());
        m.put("tokenizer.ggml.model", "gpt2");
        m.put("tokenizer.ggml.pre", v.preTokenizer().ggufName());
        m.put("tokenizer.ggml.tokens", v.tokens());
        m.put("tokenizer.ggml.token_type", v.tokenTypes());
        m.put("tokenizer.ggml.merges", v.merges());
        m.put("tokenizer.ggml.bos_token_id", v.bosId());
        m.put("tokenizer.ggml.eos_token_id", v.eosId());
        m.put("tokenizer.ggml.add_bos_token", Boolean.TRUE);
        m.put("tokenizer.ggml.add_eos_token", Boolean.FALSE);

        List<Tensor> ts = new ArrayList<>();
        for (Map.Entry<String, float[]> e : model.tensors().entrySet()) {
            int[] rc = model.shapes().get(e.getKey());
            long[] shape = rc[0] == 1 ? new long[]{rc[1]} : new long[]{rc[1], rc[0]};
            ts.add(new Tensor(e.getKey(), shape, e.getValue(), TrainedModel.isTernary(e.getKey())));
        }
        return new GgufLayout(m, ts);
    }
}
