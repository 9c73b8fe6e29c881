package bitnet.workbench.train;

/**
 * One BitNet b1.58 block with its forward cache and hand-written backward pass:
 * <pre>
 * n1 = Qa(rms(x)·attn_norm);  q,k,v = n1·Wqᵀ, n1·Wkᵀ, n1·Wvᵀ;  rope(q,k);  a = attention(q,k,v)
 * n2 = Qa(rms(a)·attn_sub_norm);  m = x + n2·Woᵀ
 * n3 = Qa(rms(m)·ffn_norm);  f = act(n3·Wgᵀ) ⊙ (n3·Wuᵀ)
 * n4 = Qa(rms(f)·ffn_sub_norm);  out = m + n4·Wdᵀ
 * </pre>
 * Qa is the per-token int8 fake quantizer; the weights are ternarized in {@link BitLinear}.
 */
final class TransformerBlock {
    /** Shared temporaries of all blocks (only one block runs at a time). */
    static final class Scratch {
        final float[] d1;
        final float[] f1;
        final float[] f2;
        final float[] dq;
        final float[] dk;
        final float[] dv;
        final float[] transposed;

        Scratch(ModelConfig c, int rows) {
            d1 = new float[rows * c.dim()];
            f1 = new float[rows * c.ffnDim()];
            f2 = new float[rows * c.ffnDim()];
            dq = new float[rows * c.dim()];
            dk = new float[rows * c.kvDim()];
            dv = new float[rows * c.kvDim()];
            transposed = new float[rows * Math.max(c.dim(), c.ffnDim())];
        }
    }

    private final ModelConfig config;
    private final ModelParameters.Layer p;
    private final int activationSite;
    private final BitLinear wq, wk, wv, wo, gate, up, down;
    private final CausalAttention attention;
    private final Rope rope;

    // forward cache, sized for `rows` tokens
    private final int rows;
    private final float[] xMid, n1, q, k, v, probs, att, n2, n3, g, u, f, n4;
    private final float[] rAttn, rSub, rFfn, rFfnSub;

    TransformerBlock(ModelConfig c, ModelParameters.Layer p, int index, Rope rope, int sequences, int seqLen) {
        this.config = c;
        this.p = p;
        this.rope = rope;
        this.attention = new CausalAttention(c);
        int w = index * 7;
        this.activationSite = index * 4;
        wq = new BitLinear(p.wq(), w);
        wk = new BitLinear(p.wk(), w + 1);
        wv = new BitLinear(p.wv(), w + 2);
        wo = new BitLinear(p.wo(), w + 3);
        gate = new BitLinear(p.gate(), w + 4);
        up = new BitLinear(p.up(), w + 5);
        down = new BitLinear(p.down(), w + 6);
        rows = sequences * seqLen;
        int d = c.dim(), kv = c.kvDim(), ff = c.ffnDim();
        xMid = new float[rows * d];
        n1 = new float[rows * d];
        q = new float[rows * d];
        k = new float[rows * kv];
        v = new float[rows * kv];
        probs = new float[Math.toIntExact(attention.probabilitySize(sequences, seqLen))];
        att = new float[rows * d];
        n2 = new float[rows * d];
        n3 = new float[rows * d];
        g = new float[rows * ff];
        u = new float[rows * ff];
        f = new float[rows * ff];
        n4 = new float[rows * ff];
        rAttn = new float[rows];
        rSub = new float[rows];
        rFfn = new float[rows];
        rFfnSub = new float[rows];
    }

    void prepareWeights(FakeQuantizer quantizer, WorkerPool pool) {
        for (BitLinear l : new BitLinear[]{wq, wk, wv, wo, gate, up, down}) l.prepare(quantizer, pool);
    }

    void forward(WorkerPool pool, FakeQuantizer quantizer, float[] x, float[] out, int sequences, int seqLen,
                 Scratch s) {
        int d = config.dim(), ff = config.ffnDim();
        float eps = config.normEps();
        FfnActivation act = config.activation();
        // attention half
        RmsNorm.forward(pool, x, p.attnNorm().values(), n1, rAttn, rows, d, eps);
        quantizer.activations(activationSite, n1, rows, d, pool);
        wq.forward(pool, n1, q, rows);
        wk.forward(pool, n1, k, rows);
        wv.forward(pool, n1, v, rows);
        rope.apply(pool, q, rows, seqLen, config.heads(), false);
        rope.apply(pool, k, rows, seqLen, config.kvHeads(), false);
        attention.forward(pool, q, k, v, probs, att, sequences, seqLen);
        RmsNorm.forward(pool, att, p.attnSubNorm().values(), n2, rSub, rows, d, eps);
        quantizer.activations(activationSite + 1, n2, rows, d, pool);
        wo.forward(pool, n2, s.d1, rows);
        for (int i = 0; i < rows * d; i++) xMid[i] = x[i] + s.d1[i];
        // feed-forward half
        RmsNorm.forward(pool, xMid, p.ffnNorm().values(), n3, rFfn, rows, d, eps);
        quantizer.activations(activationSite + 2, n3, rows, d, pool);
        gate.forward(pool, n3, g, rows);
        up.forward(pool, n3, u, rows);
        for (int i = 0; i < rows * ff; i++) f[i] = act.apply(g[i]) * u[i];
        RmsNorm.forward(pool, f, p.ffnSubNorm().values(), n4, rFfnSub, rows, ff, eps);
        quantizer.activations(activationSite + 3, n4, rows, ff, pool);
        down.forward(pool, n4, s.d1, rows);
        for (int i = 0; i < rows * d; i++) out[i] = xMid[i] + s.d1[i];
    }

    /**
     * Backward through the block. On entry {@code dx} holds ∂L/∂out; on return it holds ∂L/∂x
     * ({@code x} is the block input the forward pass saw). Parameter gradients are added.
     */
    void backward(WorkerPool pool, float[] x, float[] dx, int sequences, int seqLen, Scratch s) {
        int d = config.dim(), ff = config.ffnDim();
        FfnActivation act = config.activation();
        // feed-forward half: the residual passes dx through unchanged, the branch adds to it
        down.backwardWeight(pool, dx, n4, rows, s.transposed);
        down.backwardInput(pool, dx, s.f1, rows, false);                       // ∂L/∂n4
        RmsNorm.backward(pool, s.f1, f, p.ffnSubNorm().values(), rFfnSub, s.f2, p.ffnSubNorm().gradient(),
            rows, ff, false);                                                   // f2 = ∂L/∂f
        for (int i = 0; i < rows * ff; i++) {
            float df = s.f2[i];
            s.f1[i] = df * u[i] * act.derivative(g[i]);                         // ∂L/∂gate
            s.f2[i] = df * act.apply(g[i]);                                     // ∂L/∂up
        }
        gate.backwardWeight(pool, s.f1, n3, rows, s.transposed);
        up.backwardWeight(pool, s.f2, n3, rows, s.transposed);
        gate.backwardInput(pool, s.f1, s.d1, rows, false);
        up.backwardInput(pool, s.f2, s.d1, rows, true);                         // d1 = ∂L/∂n3
        RmsNorm.backward(pool, s.d1, xMid, p.ffnNorm().values(), rFfn, dx, p.ffnNorm().gradient(), rows, d, true);
        // attention half: dx now holds ∂L/∂m
        wo.backwardWeight(pool, dx, n2, rows, s.transposed);
        wo.backwardInput(pool, dx, s.d1, rows, false);                         // ∂L/∂n2
        RmsNorm.backward(pool, s.d1, att, p.attnSubNorm().values(), rSub, s.dq, p.attnSubNorm().gradient(),
            rows, d, false);                                                    // dq temporarily = ∂L/∂a
        System.arraycopy(s.dq, 0, s.d1, 0, rows * d);
        attention.backward(pool, s.d1, q, k, v, probs, s.dq, s.dk, s.dv, sequences, seqLen);
        rope.apply(pool, s.dq, rows, seqLen, config.heads(), true);
        rope.apply(pool, s.dk, rows, seqLen, config.kvHeads(), true);
        wq.backwardWeight(pool, s.dq, n1, rows, s.transposed);
        wk.backwardWeight(pool, s.dk, n1, rows, s.transposed);
        wv.backwardWeight(pool, s.dv, n1, rows, s.transposed);
        wq.backwardInput(pool, s.dq, s.d1, rows, false);
        wk.backwardInput(pool, s.dk, s.d1, rows, true);
        wv.backwardInput(pool, s.dv, s.d1, rows, true);                         // d1 = ∂L/∂n1
        RmsNorm.backward(pool, s.d1, x, p.attnNorm().values(), rAttn, dx, p.attnNorm().gradient(), rows, d, true);
    }
}
