package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufMetadata;
import bitnet.workbench.gguf.GgufMetadataException;

/**
 * The shape and hyper-parameters of a model, read from GGUF metadata ({@code <arch>.*} keys and the
 * tokenizer's vocabulary).
 *
 * @param headDim        dimensions per attention head (query and key/value alike)
 * @param ropeDimensions how many leading dimensions of each head RoPE rotates (the rest pass through)
 * @param ffnActivation  the activation implied by the architecture (options may override it at load)
 */
public record ModelConfig(Architecture architecture, int embeddingLength, int blockCount, int feedForwardLength,
                          int headCount, int headCountKv, int headDim, int ropeDimensions, float ropeFreqBase,
                          RopeStyle ropeStyle, float rmsEps, int contextLength, int vocabSize,
                          FfnActivation ffnActivation) {

    public static final float DEFAULT_ROPE_FREQ_BASE = 10000f;

    public ModelConfig {
        positive("embedding_length", embeddingLength);
        positive("block_count", blockCount);
        positive("feed_forward_length", feedForwardLength);
        positive("attention.head_count", headCount);
        positive("attention.head_count_kv", headCountKv);
        positive("head dimension", headDim);
        positive("context_length", contextLength);
        positive("vocabulary size", vocabSize);
        if (headCount % headCountKv != 0) {
            throw new ModelFormatException("attention.head_count " + headCount + " is not a multiple of attention.head_count_kv " + headCountKv);
        }
        if (ropeDimensions <= 0 || ropeDimensions > headDim || ropeDimensions % 2 != 0) {
            throw new ModelFormatException("rope.dimension_count " + ropeDimensions + " must be even and between 2 and the head dimension " + headDim);
        }
        if (!(ropeFreqBase > 0f) || !(rmsEps >= 0f)) {
            throw new ModelFormatException("rope.freq_base " + ropeFreqBase + " must be positive and the rms epsilon " + rmsEps + " non-negative");
        }
    }

    private static void positive(String what, int value) {
        if (value <= 0) throw new ModelFormatException(what + " must be positive, found " + value);
    }

    /** Reads the configuration; an unknown architecture is an {@link UnsupportedArchitectureException}. */
    public static ModelConfig from(GgufMetadata m) {
        Architecture arch = Architecture.of(m.getString("general.architecture"));
        String p = arch.ggufName() + ".";
        try {
            int embd = m.getInt(p + "embedding_length");
            int heads = m.getInt(p + "attention.head_count");
            int headsKv = m.getInt(p + "attention.head_count_kv", heads);
            if (heads <= 0 || embd % heads != 0 && !m.has(p + "attention.key_length")) {
                throw new ModelFormatException("embedding_length " + embd + " is not a multiple of attention.head_count " + heads);
            }
            int headDim = m.getInt(p + "attention.key_length", heads > 0 ? embd / heads : 0);
            int valueDim = m.getInt(p + "attention.value_length", headDim);
            if (valueDim != headDim) {
                throw new ModelFormatException("attention.value_length " + valueDim + " differs from attention.key_length " + headDim + "; not supported");
            }
            return new ModelConfig(arch, embd,
                m.getInt(p + "block_count"),
                m.getInt(p + "feed_forward_length"),
                heads, headsKv, headDim,
                m.getInt(p + "rope.dimension_count", headDim),
                m.getFloat(p + "rope.freq_base", DEFAULT_ROPE_FREQ_BASE),
                arch.ropeStyle(),
                m.getFloat(p + "attention.layer_norm_rms_epsilon"),
                m.getInt(p + "context_length"),
                vocabSize(m, p),
                arch.defaultActivation());
        } catch (GgufMetadataException e) {
            throw new ModelFormatException("cannot read the " + arch.ggufName() + " model configuration: " + e.getMessage());
        }
    }

    private static int vocabSize(GgufMetadata m, String prefix) {
        if (m.has("tokenizer.ggml.tokens")) return m.getArray("tokenizer.ggml.tokens").size();
        if (m.has(prefix + "vocab_size")) return m.getInt(prefix + "vocab_size");
        throw new ModelFormatException("the vocabulary size is unknown: neither tokenizer.ggml.tokens nor " + prefix + "vocab_size is present");
    }

    public boolean hasSubNorms() { return architecture.hasSubNorms(); }

    /** Width of all query heads together. */
    public int queryDim() { return headCount * headDim; }

    /** Width of all key (or value) heads together. */
    public int kvDim() { return headCountKv * headDim; }

    public ModelConfig withContextLength(int n) {
        return new ModelConfig(architecture, embeddingLength, blockCount, feedForwardLength, headCount, headCountKv, headDim,
            ropeDimensions, ropeFreqBase, ropeStyle, rmsEps, n, vocabSize, ffnActivation);
    }

    public ModelConfig withFfnActivation(FfnActivation a) {
        return new ModelConfig(architecture, embeddingLength, blockCount, feedForwardLength, headCount, headCountKv, headDim,
            ropeDimensions, ropeFreqBase, ropeStyle, rmsEps, contextLength, vocabSize, a);
    }
}
