package bitnet.workbench.convert;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufMetadata;
import bitnet.workbench.gguf.GgufValue;
import bitnet.workbench.gguf.GgufWriter;
import bitnet.workbench.tensor.TensorQuantizer;
import bitnet.workbench.tensor.TensorQuantizers;
import bitnet.workbench.tensor.Ternarization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a deterministic random model of any shape: ternary projections (codes uniform over
 * −1/0/+1 times one fp16-representable scale per tensor, so every ternary format stores them
 * losslessly), norms near 1 and a Gaussian embedding. The tokenizer is copied from another GGUF.
 * Every value is a function of (seed, tensor name, row), so the file does not depend on threads.
 */
public final class SyntheticModelWriter {
    static final float EMBEDDING_STD = 0.1f;

    private final SyntheticModelSpec spec;
    private final GgufMetadata vocab;

    public SyntheticModelWriter(SyntheticModelSpec spec, GgufMetadata vocabSource) {
        this.spec = spec;
        this.vocab = vocabSource;
        if (!vocabSource.has("tokenizer.ggml.tokens")) {
            throw new IllegalArgumentException("the vocabulary source has no tokenizer.ggml.tokens");
        }
    }

    public int vocabSize() {
        return vocab.getStrings("tokenizer.ggml.tokens").size();
    }

    public GgufWriter build() {
        String arch = spec.architecture();
        GgufWriter w = new GgufWriter();
        w.put("general.architecture", GgufValue.ofString(arch));
        w.put("general.name", GgufValue.ofString(spec.describe()));
        w.put(arch + ".vocab_size", GgufValue.ofUint32(vocabSize()));
        w.put(arch + ".context_length", GgufValue.ofUint32(spec.contextLength()));
        w.put(arch + ".embedding_length", GgufValue.ofUint32(spec.dim()));
        w.put(arch + ".block_count", GgufValue.ofUint32(spec.layers()));
        w.put(arch + ".feed_forward_length", GgufValue.ofUint32(spec.ffn()));
        w.put(arch + ".rope.dimension_count", GgufValue.ofUint32(spec.headSize()));
        w.put(arch + ".attention.head_count", GgufValue.ofUint32(spec.heads()));
        w.put(arch + ".attention.head_count_kv", GgufValue.ofUint32(spec.kvHeads()));
        w.put(arch + ".rope.freq_base", GgufValue.ofFloat32(spec.ropeTheta()));
        w.put(arch + ".attention.layer_norm_rms_epsilon", GgufValue.ofFloat32(spec.rmsEps()));
        w.put("general.file_type", GgufValue.ofUint32(spec.fileType()));
        vocab.asMap().forEach((k, v) -> {
            if (k.startsWith("tokenizer.")) w.put(k, v);
        });
        w.put("general.quantization_version", GgufValue.ofUint32(2));

        int vocabSize = vocabSize();
        addFloat(w, BitnetTensorNames.TOKEN_EMBD, spec.dim(), vocabSize, spec.embeddingType(), this::embeddingRow);
        for (int l = 0; l < spec.layers(); l++) {
            addNorm(w, BitnetTensorNames.block(l, "attn_norm"), spec.dim());
            addTernary(w, BitnetTensorNames.block(l, "attn_q"), spec.dim(), spec.dim());
            addTernary(w, BitnetTensorNames.block(l, "attn_k"), spec.dim(), spec.kvDim());
            addTernary(w, BitnetTensorNames.block(l, "attn_v"), spec.dim(), spec.kvDim());
            addTernary(w, BitnetTensorNames.block(l, "attn_output"), spec.dim(), spec.dim());
            if (spec.hasSubNorms()) addNorm(w, BitnetTensorNames.block(l, "attn_sub_norm"), spec.dim());
            addNorm(w, BitnetTensorNames.block(l, "ffn_norm"), spec.dim());
            addTernary(w, BitnetTensorNames.block(l, "ffn_gate"), spec.dim(), spec.ffn());
            addTernary(w, BitnetTensorNames.block(l, "ffn_up"), spec.dim(), spec.ffn());
            if (spec.hasSubNorms()) addNorm(w, BitnetTensorNames.block(l, "ffn_sub_norm"), spec.ffn());
            addTernary(w, BitnetTensorNames.block(l, "ffn_down"), spec.ffn(), spec.dim());
        }
        addNorm(w, BitnetTensorNames.OUTPUT_NORM, spec.dim());
        return w;
    }

    public void write(Path out) throws IOException {
        build().write(out);
    }

    /** The per-tensor scale of a ternary tensor: uniform in [0.02, 0.1], rounded to fp16. */
    float ternaryScale(String name) {
        SplittableRandom r = random(name, -1);
        return Float.float16ToFloat(Float.floatToFloat16((float) (0.02 + 0.08 * r.nextDouble())));
    }

    private void addTernary(GgufWriter w, String name, int rowLength, int rows) {
        float scale = ternaryScale(name);
        RowSource src = (row, out, off, n) -> {
            SplittableRandom r = random(name, row);
            for (int i = 0; i < n; i++) out[off + i] = (r.nextInt(3) - 1) * scale;
        };
        GgmlType type = spec.weightType();
        TensorQuantizer q = type.isTernary()
            ? TensorQuantizers.ternary(type, Ternarization.roundToScale(scale))
            : TensorQuantizers.of(type);
        w.addTensor(name, type, new long[]{rowLength, rows}, QuantizedTensorStream.of(src, rowLength, rows, q));
    }

    private void addNorm(GgufWriter w, String name, int length) {
        addFloat(w, name, length, 1, GgmlType.F32, (row, out, off, n) -> {
            SplittableRandom r = random(name, row);
            for (int i = 0; i < n; i++) out[off + i] = (float) (0.8 + 0.4 * r.nextDouble());
        });
    }

    private void embeddingRow(long row, float[] out, int off, int n) {
        SplittableRandom r = random(BitnetTensorNames.TOKEN_EMBD, row);
        for (int i = 0; i < n; i++) out[off + i] = (float) (r.nextGaussian() * EMBEDDING_STD);
    }

    private static void addFloat(GgufWriter w, String name, int rowLength, int rows, GgmlType type, RowSource src) {
        long[] shape = rows == 1 ? new long[]{rowLength} : new long[]{rowLength, rows};
        w.addTensor(name, type, shape, QuantizedTensorStream.of(src, rowLength, rows, TensorQuantizers.of(type)));
    }

    private SplittableRandom random(String tensor, long row) {
        long h = spec.seed() * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < tensor.length(); i++) h = (h ^ tensor.charAt(i)) * 0x100000001B3L;
        return new SplittableRandom(h ^ (row + 1) * 0xBF58476D1CE4E5B9L);
    }
}
