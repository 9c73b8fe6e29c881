package bitnet.workbench.model;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.kernel.Int8Head;
import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.kernel.MatVecKernel;
import bitnet.workbench.kernel.ParallelKernel;
import bitnet.workbench.kernel.WeightMatrix;
import bitnet.workbench.kernel.WorkerPool;

import java.lang.foreign.Arena;
import java.util.List;

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
    private MatVecKernel currentKernel;
    private OutputHead currentHead;
    /** Layers with lookup-table forms while a repacking kernel is chosen, and their memory; else null. */
    private List<LayerWeights> lutLayers;
    private Arena lutArena;
    /** The output matrix with its int8 form while the int8 head is chosen, and its memory; else null. */
    private WeightMatrix int8Output;
    private Arena headArena;
    private volatile boolean closed;

    TransformerModel(ModelConfig config, ModelOptions options, ModelWeights weights, MatVecKernel kernel, GgufFile file, boolean ownsFile) {
        this.config = config;
        this.options = options;
        this.weights = weights;
        this.file = file;
        this.ownedFile = ownsFile ? file : null;
        CHeap.keepLargeBlocksMapped();
        this.pool = new WorkerPool(options.threads());
        this.parallel = new ParallelKernel(kernel, pool);
        try {
            apply(kernel, options.outputHead());
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Makes the forward pass use {@code kernel} with the weights it wants: lookup-table forms for a
     * repacking kernel, the int8 output matrix for {@link OutputHead#INT8}. Repacked forms no longer
     * needed are freed after the switch.
     */
    private void apply(MatVecKernel kernel, OutputHead head) {
        boolean wantLut = kernel.repacksTernary();
        boolean wantHead = head.resolve(weights.output().type(), kernel.name()) == OutputHead.INT8
            && Int8Head.canConvert(weights.output());
        boolean packed = false;
        if (wantLut && lutLayers == null) {
            lutArena = Arena.ofShared();
            lutLayers = orCloseArena(lutArena, () -> Repacker.packTernary(file, weights.layers(), lutArena, pool.threads()));
            packed = true;
        }
        if (wantHead && int8Output == null) {
            headArena = Arena.ofShared();
            int8Output = orCloseArena(headArena, () -> Repacker.packHead(file, weights.output(), headArena, pool.threads()));
            packed = true;
        }
        // The forward pass now reads the repacked copies: the file's pages that loading touched
        // (the tokenizer's metadata, the tensors just read; ~25 MB for 2B4T) leave the resident set
        // and come back from the page cache only where read again (embedding rows looked up).
        if (packed && file.mapping().isMapped()) file.mapping().unload();
        // Loading leaves ~20 MB of garbage (parsing, repacking buffers) in the old generation,
        // where nothing else would collect it: one full collection (~50 ms) lets the heap, which
        // the launcher starts small (-Xms24m), stay at the ~26 MB that is live.
        if (packed) System.gc();
        ModelWeights w = new ModelWeights(weights.tokenEmbedding(), wantLut ? lutLayers : weights.layers(), weights.outputNorm(),
            wantHead ? int8Output : weights.output());
        ForwardPass next = new ForwardPass(config, w, parallel, options);
        parallel.setKernel(kernel);
        forward = next;
        currentKernel = kernel;
        currentHead = head;
        if (!wantLut && lutArena != null) {
            lutLayers = null;
            lutArena.close();
            lutArena = null;
        }
        if (!wantHead && headArena != null) {
            int8Output = null;
            headArena.close();
            headArena = null;
        }
    }

    /** The result of {@code pack}, which allocates in {@code arena}; if it fails, the arena is closed and forgotten. */
    private <T> T orCloseArena(Arena arena, java.util.function.Supplier<T> pack) {
        try {
            return pack.get();
        } catch (RuntimeException | Error e) {
            arena.close();
            if (arena == lutArena) lutArena = null;
            if (arena == headArena) headArena = null;
            throw e;
        }
    }

    ForwardPass forward() { return forward; }

    /** Off-heap bytes of weights repacked for the current kernel and head (0 if everything is read from the file's layout). */
    public synchronized long repackedBytes() {
        return Repacker.packedBytes(forward.weights());
    }

    /** How the output matrix is multiplied now ({@link OutputHead#AUTO} resolved). */
    public synchronized OutputHead outputHead() { return currentHead.resolve(weights.output().type(), currentKernel.name()); }

    /** The configuration in effect (context length and FFN activation after options). */
    public ModelConfig config() { return config; }

    /** The options the model was loaded with; {@link #kernel()} and {@link #threads()} give the current choice. */
    public ModelOptions options() { return options; }

    public ModelWeights weights() { return weights; }

    public synchronized MatVecKernel kernel() { return currentKernel; }

    /** Threads a product uses now (the calling thread included). */
    public int threads() { return pool.threads(); }

    /**
     * Switches to kernel {@code kernelName} and {@code threads} threads for the following products.
     * Call it between generations (a generation in progress would see the change mid-token). Throws
     * {@link IllegalArgumentException} for an unknown kernel, a thread count below 1, or a kernel that
     * cannot multiply one of this model's matrices; the model is then unchanged.
     */
    public synchronized void reconfigure(String kernelName, int threads) {
        reconfigure(kernelName, threads, currentHead);
    }

    /**
     * {@link #reconfigure(String, int)} and the output head. Choosing {@code vector-lut} or the int8
     * head the first time repacks weights (seconds for a 2B model); switching away frees them.
     */
    public synchronized void reconfigure(String kernelName, int threads, OutputHead head) {
        ensureOpen();
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        java.util.Objects.requireNonNull(head, "head");
        MatVecKernel k = Kernels.byName(kernelName);
        ModelLoader.checkSupported(weights, k);
        if (k != currentKernel || head != currentHead) apply(k, head);
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
        if (lutArena != null) lutArena.close();
        if (headArena != null) headArena.close();
        if (ownedFile != null) ownedFile.close();
    }
}
