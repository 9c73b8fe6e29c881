package bitnet.workbench.train;

/**
 * Shape of a trainable model of the {@code bitnet} family: tied embeddings, RMSNorm with sub-norms,
 * gated FFN, NEOX RoPE and grouped-query attention (the 2B4T block, scaled down).
 */
public record ModelConfig(int vocabSize, int dim, int layers, int heads, int kvHeads, int ffnDim,
                          int contextLength, float ropeTheta, float normEps, FfnActivation activation) {
    public ModelConfig {
        positive(vocabSize, "vocabulary size");
        positive(dim, "dim");
        positive(layers, "layers");
        positive(heads, "heads");
        positive(kvHeads, "kv-heads");
        positive(ffnDim, "ffn");
        positive(contextLength, "context length");
        if (dim % heads != 0) throw new IllegalArgumentException("dim " + dim + " is not a multiple of heads " + heads);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads " + heads + " is not a multiple of kv-heads " + kvHeads);
        }
        if ((dim / heads) % 2 != 0) throw new IllegalArgumentException("head size " + dim / heads + " must be even for RoPE");
        if (!(ropeTheta > 0) || !(normEps > 0)) throw new IllegalArgumentException("rope theta and norm eps must be positive");
        if (activation == null) throw new IllegalArgumentException("activation is required");
    }

    public int headDim() {
        return dim / heads;
    }

    public int kvDim() {
        return kvHeads * headDim();
    }

    /** Number of trainable floats. */
    public long parameterCount() {
        long perLayer = 2L * dim + ffnDim + dim                    // attn_norm, attn_sub_norm, ffn_sub_norm, ffn_norm
            + (long) dim * dim * 2 + (long) kvDim() * dim * 2     // q, o, k, v
            + (long) ffnDim * dim * 3;                            // gate, up, down
        return (long) vocabSize * dim + dim + layers * perLayer;
    }

    /** Parameters that are ternary in the exported model (all BitLinear matrices). */
    public long ternaryParameterCount() {
        return layers * ((long) dim * dim * 2 + (long) kvDim() * dim * 2 + (long) ffnDim * dim * 3);
    }

    private static void positive(int v, String what) {
        if (v <= 0) throw new IllegalArgumentException(what + " must be positive, was " + v);
    }
}
