package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.kernel.MatVecKernel;
import bitnet.workbench.kernel.ParallelKernel;
import bitnet.workbench.kernel.WorkerPool;

import java.lang.foreign.Arena;

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
    private final GgufFile file;
    private final GgufFile ownedFile;
    private volatile ForwardPass forward;
    /** Memory of the lookup-table forms while a repacking kernel is chosen, else null. */
    private Arena packedArena;
    private volatile boolean closed;

    TransformerModel(ModelConfig config, ModelOptions options, ModelWeights weights, MatVecKernel kernel, GgufFile file, boolean ownsFile) {
        this.config = config;
        this.options = options;
        this.weights = weights;
        this.file = file;
        this.ownedFile = ownsFile ? file : null;
        this.pool = new WorkerPool(options.threads());
        this.parallel = new ParallelKernel(kernel, pool);
        this.forward = forwardFor(kernel);
    }

    /** A forward pass over the weights {@code kernel} wants: repacked ones for a lookup-table kernel. */
    private ForwardPass forwardFor(MatVecKernel kernel) {
        ModelWeights w = weights;
        if (kernel.repacksTernary()) {
            if (forward != null && forward.weights() != weights) return forward;   // already packed
            Arena arena = Arena.ofShared();
            try {
                w = LutRepacker.pack(weights, file, arena);
            } catch (RuntimeException | Error e) {
                arena.close();
                throw e;
            }
            packedArena = arena;
        }
        return new ForwardPass(config, w, parallel, options);
    }

    ForwardPass forward() { return forward; }

    /** Bytes of weights repacked for the current kernel (off-heap), 0 if it reads the file's layout. */
    public long repackedBytes() {
        ForwardPass f = forward;
        return f.weights() == weights ? 0 : LutRepacker.packedBytes(f.weights());
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
        ForwardPass next = forwardFor(k);
        Arena release = null;
        if (!k.repacksTernary() && packedArena != null) {
            release = packedArena;
            packedArena = null;
        }
        parallel.setKernel(k);
        forward = next;
        pool.setThreads(threads);
        if (release != null) release.close();
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
        return new TransformerSequence(this);
    }

    void ensureOpen() {
        if (closed) throw new IllegalStateException("the model has been closed");
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        pool.close();
        if (packedArena != null) packedArena.close();
        if (ownedFile != null) ownedFile.close();
    }
}
