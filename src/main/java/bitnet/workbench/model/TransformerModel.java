package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.kernel.MatVecKernel;
import bitnet.workbench.kernel.ParallelKernel;
import bitnet.workbench.kernel.WorkerPool;

/**
 * A loaded llama-family model (BitNet or llama) ready to run. Sequences share the read-only weights
 * and each own their KV cache; one model may serve several sequences, each driven by one thread
 * (their products are serialised on the model's worker pool).
 *
 * <p>The kernel and the number of threads can change between generations with
 * {@link #reconfigure}, without reloading: benchmarks sweep them on one loaded model.
 */
public final class TransformerModel implements LanguageModel {
    private final ModelConfig config;
    private final ModelOptions options;
    private final ModelWeights weights;
    private final WorkerPool pool;
    private final ParallelKernel parallel;
    private final ForwardPass forward;
    private final GgufFile ownedFile;
    private volatile boolean closed;

    TransformerModel(ModelConfig config, ModelOptions options, ModelWeights weights, MatVecKernel kernel, GgufFile ownedFile) {
        this.config = config;
        this.options = options;
        this.weights = weights;
        this.pool = new WorkerPool(options.threads());
        this.parallel = new ParallelKernel(kernel, pool);
        this.forward = new ForwardPass(config, weights, parallel, options);
        this.ownedFile = ownedFile;
    }

    /** The configuration in effect (context length and FFN activation after options). */
    public ModelConfig config() { return config; }

    /** The options the model was loaded with; {@link #kernel()} and {@link #threads()} give the current choice. */
    public ModelOptions options() { return options; }

    public ModelWeights weights() { return weights; }

    public MatVecKernel kernel() { return parallel.kernel(); }

    /** Threads a product uses now (the calling thread included). */
    public int threads() { return pool.threads(); }

    /**
     * Switches to kernel {@code kernelName} and {@code threads} threads for the following products.
     * Call it between generations (a generation in progress would see the change mid-token). Throws
     * {@link IllegalArgumentException} for an unknown kernel, a thread count below 1, or a kernel that
     * cannot multiply one of this model's matrices; the model is then unchanged.
     */
    public synchronized void reconfigure(String kernelName, int threads) {
        ensureOpen();
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        MatVecKernel k = Kernels.byName(kernelName);
        ModelLoader.checkSupported(weights, k);
        parallel.setKernel(k);
        pool.setThreads(threads);
    }

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
    public synchronized void close() {
        if (closed) return;
        closed = true;
        pool.close();
        if (ownedFile != null) ownedFile.close();
    }
}
