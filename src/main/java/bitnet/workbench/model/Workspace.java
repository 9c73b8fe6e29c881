package bitnet.workbench.model;

import bitnet.workbench.kernel.QuantizedActivations;

/**
 * The per-sequence buffers of the forward pass. Decoding uses slot 0 of each; a prompt batch grows
 * them once to the batch size (up to {@link #MAX_BATCH} tokens), after which nothing is allocated.
 */
final class Workspace {
    /**
     * Tokens that share one pass over the weights when a prompt is evaluated. 32, not 64: the
     * buffers of a batch (with the lookup tables, ~290 KB per token for 2B4T) cost 9 MB less,
     * and prompt speed with one thread did not change (compute-bound lookups, not weight reads).
     */
    static final int MAX_BATCH = 32;

    private final ModelConfig c;
    float[][] x;
    float[][] xb;
    float[][] q;
    float[][] k;
    float[][] v;
    float[][] att;
    float[][] proj;
    float[][] gate;
    float[][] up;
    float[][] ropeCos;
    float[][] ropeSin;
    QuantizedActivations[] act;
    final int[] tokens = new int[1];
    /** Per pool thread: the attention scores of the pair of query heads being worked on, one per position each. */
    float[][] partScores = new float[0][];
    final KvCache kv;
    private final int contextLength;
    private int scoreCapacity;

    Workspace(ModelConfig c) {
        this.c = c;
        scoreCapacity = Math.min(c.contextLength(), 256);
        kv = new KvCache(c.blockCount(), c.kvDim(), c.headDim(), c.contextLength());
        contextLength = c.contextLength();
        allocate(1);
    }

    int batchCapacity() { return x.length; }

    void ensureBatch(int n) {
        if (n > MAX_BATCH) throw new IllegalArgumentException("a batch holds at most " + MAX_BATCH + " tokens, got " + n);
        if (n > x.length) allocate(Math.min(MAX_BATCH, Math.max(n, 2 * x.length)));
    }

    private void allocate(int n) {
        int dim = c.embeddingLength();
        x = new float[n][dim];
        xb = new float[n][dim];
        q = new float[n][c.queryDim()];
        k = new float[n][c.kvDim()];
        v = new float[n][c.kvDim()];
        att = new float[n][c.queryDim()];
        proj = new float[n][dim];
        gate = new float[n][c.feedForwardLength()];
        up = new float[n][c.feedForwardLength()];
        ropeCos = new float[n][c.ropeDimensions() / 2];
        ropeSin = new float[n][c.ropeDimensions() / 2];
        act = new QuantizedActivations[n];
        int widest = Math.max(dim, Math.max(c.queryDim(), c.feedForwardLength()));
        for (int i = 0; i < n; i++) act[i] = new QuantizedActivations(widest);
    }

    void ensurePositions(int n) {
        kv.ensureCapacity(n);
        if (scoreCapacity < n) {
            scoreCapacity = Math.min(contextLength, Math.max(n, 2 * scoreCapacity));
            partScores = new float[0][];
        }
    }

    /** Scratch for {@code parts} attention threads; allocates only when the thread count or context grows. */
    void ensureAttentionScratch(int parts) {
        if (partScores.length >= parts && (parts == 0 || partScores[0].length >= 2 * scoreCapacity)) return;
        int n = Math.max(parts, partScores.length);
        partScores = new float[n][2 * scoreCapacity];
    }
}
