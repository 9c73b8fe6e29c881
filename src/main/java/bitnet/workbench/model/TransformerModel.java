package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.kernel.MatVecKernel;

/**
 * A loaded llama-family model (BitNet or llama) ready to run. Sequences share the read-only weights
 * and each own their KV cache; one model may serve several sequences, each driven by one thread.
 */
public final class TransformerModel implements LanguageModel {
    private final ModelConfig config;
    private final ModelOptions options;
    private final ModelWeights weights;
    private final MatVecKernel kernel;
    private final ForwardPass forward;
    private final GgufFile ownedFile;
    private volatile boolean closed;

    TransformerModel(ModelConfig config, ModelOptions options, ModelWeights weights, MatVecKernel kernel, GgufFile ownedFile) {
        this.config = config;
        this.options = options;
        this.weights = weights;
        this.kernel = kernel;
        this.forward = new ForwardPass(config, weights, kernel, options);
        this.ownedFile = ownedFile;
    }

    /** The configuration in effect (context length and FFN activation after options). */
    public ModelConfig config() { return config; }

    public ModelOptions options() { return options; }

    public ModelWeights weights() { return weights; }

    public MatVecKernel kernel() { return kernel; }

    /** Whether the lm_head input is rounded to F16 (see {@link LmHeadInput}). */
    public boolean roundsLmHeadInput() { return forward.roundsLmHeadInput(); }

    @Override
    public int vocabSize() { return config.vocabSize(); }

    @Override
    public int contextLength() { return config.contextLength(); }

    @Override
    public TransformerSequence newSequence() {
        ensureOpen();
        return new TransformerSequence(this, forward);
    }

    void ensureOpen() {
        if (closed) throw new IllegalStateException("the model has been closed");
    }

    @Override
    public void close() {
        closed = true;
        if (ownedFile != null) ownedFile.close();
    }
}
