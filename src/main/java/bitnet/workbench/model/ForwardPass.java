package bitnet.workbench.model;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.kernel.ActivationQuantization;
import bitnet.workbench.kernel.Int8Head;
import bitnet.workbench.kernel.ParallelKernel;
import bitnet.workbench.kernel.QuantizedActivations;
import bitnet.workbench.kernel.RowReader;
import bitnet.workbench.kernel.WeightMatrix;
import bitnet.workbench.kernel.WorkerPool;

import java.lang.foreign.MemorySegment;

/**
 * One token through the model, following llama.cpp's float arithmetic where it is cheap to do so
 * (RMSNorm sums in double, softmax sums in double, RoPE angles by repeated multiplication), because
 * with int8 activations a last-bit difference upstream can flip a code downstream. The attention
 * dot products and the probability-weighted sum of values accumulate in double and round once:
 * sequential float sums were a few ulps less accurate than the references' blocked sums, enough
 * to flip one int8 code on a 30-token prompt (a value 3 ulps from a rounding boundary).
 *
 * <pre>
 * h = rmsnorm(x)·attn_norm; q,k,v = Wq h, Wk h, Wv h; rope(q,k); a = softmax(q kᵀ/√d + causal) v
 * x = x + Wo(rmsnorm(a)·attn_sub_norm)            (sub-norm only in BitNet architectures)
 * h = rmsnorm(x)·ffn_norm; f = act(Wgate h)·(Wup h); x = x + Wdown(rmsnorm(f)·ffn_sub_norm)
 * logits = (rmsnorm(x)·output_norm) · outputᵀ
 * </pre>
 *
 * <p>A prompt goes through in batches of up to {@link Workspace#MAX_BATCH} tokens: each projection
 * multiplies all of them in one pass over its weights ({@link ParallelKernel#matMul}); every token's
 * arithmetic is the same as when it runs alone, so batching changes speed, not results.
 */
final class ForwardPass {
    private final ModelConfig c;
    private final ModelWeights w;
    private final ParallelKernel kernel;
    private final ActivationQuantization rule;
    private final boolean roundLmHeadInput;
    private final float kqScale;
    private final float ropeThetaScale;
    private final KvCacheType keyCache;
    private final KvCacheType valueCache;
    private final AttentionTask attention = new AttentionTask();
    private final TokenTask perToken = new TokenTask();
    /** The int8 copy of a tied Q6_K embedding, from which lookups read ({@link Int8Head#readRow}); else null. */
    private final Int8Head embeddingCopy;

    ForwardPass(ModelConfig config, ModelWeights weights, ParallelKernel kernel, ModelOptions options) {
        ActivationQuantization rule = options.activationQuantization();
        LmHeadInput lmHeadInput = options.lmHeadInput();
        this.keyCache = options.keyCache();
        this.valueCache = options.valueCache();
        this.c = config;
        this.w = weights;
        this.kernel = kernel;
        this.rule = rule;
        boolean f16Head = weights.output().type() == GgmlType.F16;
        this.roundLmHeadInput = f16Head && switch (lmHeadInput) {
            case AUTO -> rule == ActivationQuantization.Q8K_BLOCKS;
            case FLOAT -> false;
            case F16 -> true;
        };
        this.embeddingCopy = embeddingCopy(weights);
        this.kqScale = 1.0f / (float) Math.sqrt(config.headDim());
        this.ropeThetaScale = (float) Math.pow(config.ropeFreqBase(), -2.0f / config.ropeDimensions());
    }

    boolean roundsLmHeadInput() { return roundLmHeadInput; }

    /** The output matrix's int8 form when it is the tied embedding's and exact (made from Q6_K, not quantized at load). */
    private static Int8Head embeddingCopy(ModelWeights weights) {
        return weights.tiedEmbedding() && weights.output().type() == GgmlType.Q6_K ? weights.output().int8Head() : null;
    }

    ModelWeights weights() { return w; }

    /** Evaluates {@code token} at {@code pos}, stores its keys and values, and writes logits if asked. */
    void run(Workspace s, int token, int pos, float[] logits, ForwardProbe probe) {
        s.tokens[0] = token;
        run(s, s.tokens, 0, 1, pos, logits, probe);
    }

    /**
     * Evaluates {@code n ≤ MAX_BATCH} tokens at positions {@code pos .. pos+n-1}, stores their keys
     * and values, and writes the logits of the last one if {@code logits} is not null.
     */
    void run(Workspace s, int[] tokens, int offset, int n, int pos, float[] logits, ForwardProbe probe) {
        long t = probe == null ? 0 : System.nanoTime();
        int dim = c.embeddingLength();
        s.ensureBatch(n);
        s.ensurePositions(pos + n);
        for (int i = 0; i < n; i++) {
            if (embeddingCopy != null) embeddingCopy.readRow(tokens[offset + i], s.x[i], 0);
            else RowReader.read(w.tokenEmbedding(), tokens[offset + i], s.x[i], 0);
            prepareRope(s, i, pos + i);
        }
        if (probe != null) t = lap(probe, -1, ForwardOp.EMBEDDING, n, t);

        for (int l = 0; l < c.blockCount(); l++) t = layer(s, l, n, pos, probe, t);

        if (logits == null) return;
        float[] last = s.x[n - 1];
        float[] xb = s.xb[0];
        rmsNorm(last, w.outputNorm(), xb, dim);
        if (roundLmHeadInput) {
            for (int i = 0; i < dim; i++) xb[i] = Float.float16ToFloat(Float.floatToFloat16(xb[i]));
        }
        if (probe != null) t = lap(probe, -1, ForwardOp.OUTPUT_NORM, 1, t);
        QuantizedActivations head = s.act[0];
        if (w.output().takesQuantizedInput()) head.quantize(xb, 0, dim, rule);
        else head.loadFloat(xb, 0, dim);
        kernel.matVec(w.output(), head, logits);
        if (probe != null) lap(probe, -1, ForwardOp.LM_HEAD, 1, t);
    }

    /**
     * One transformer block for the batch. Kept apart from {@link #run}, as is each loop over the
     * batch below: C2 then compiles these small methods once each as soon as they are hot. As
     * one large method, run was compiled on stack at each of its loops in turn while it ran in
     * C1's slow profiling code; a first 2-thread prompt took ~5 s, and the two cores' compile
     * work made the next few prompts 30–40 % slower.
     */
    private long layer(Workspace s, int l, int n, int pos, ForwardProbe probe, long t) {
        int dim = c.embeddingLength();
        QuantizedActivations[] act = s.act;
        LayerWeights L = w.layers().get(l);
        normAll(s.x, L.attnNorm(), s.xb, n, dim);
        if (probe != null) t = lap(probe, l, ForwardOp.ATTN_NORM, n, t);

        feedAll(act, s.xb, dim, L.wq(), probe, l, BitLinearInput.ATTN_QKV, pos, n);
        kernel.matMul(act, n, L.wq(), s.q, L.wk(), s.k, L.wv(), s.v);
        if (probe != null) t = lap(probe, l, ForwardOp.QKV, n, t);

        ropeAndStore(s, l, pos, n);
        if (probe != null) t = lap(probe, l, ForwardOp.ROPE, n, t);

        attention.run(s, l, pos, n);
        if (probe != null) t = lap(probe, l, ForwardOp.ATTENTION, n, t);

        if (L.attnSubNorm() != null) {
            normAll(s.att, L.attnSubNorm(), s.att, n, c.queryDim());
            if (probe != null) t = lap(probe, l, ForwardOp.ATTN_SUB_NORM, n, t);
        }
        feedAll(act, s.att, c.queryDim(), L.wo(), probe, l, BitLinearInput.ATTN_OUTPUT, pos, n);
        kernel.matMul(act, n, L.wo(), s.proj, null, null, null, null);
        addAll(s.x, s.proj, n, dim);
        if (probe != null) t = lap(probe, l, ForwardOp.ATTN_OUTPUT, n, t);

        normAll(s.x, L.ffnNorm(), s.xb, n, dim);
        if (probe != null) t = lap(probe, l, ForwardOp.FFN_NORM, n, t);

        int ff = c.feedForwardLength();
        feedAll(act, s.xb, dim, L.gate(), probe, l, BitLinearInput.FFN_GATE_UP, pos, n);
        kernel.matMul(act, n, L.gate(), s.gate, L.up(), s.up, null, null);
        if (probe != null) t = lap(probe, l, ForwardOp.FFN_GATE_UP, n, t);

        activateAll(s, n, ff);
        if (probe != null) t = lap(probe, l, ForwardOp.FFN_ACTIVATION, n, t);

        if (L.ffnSubNorm() != null) {
            normAll(s.gate, L.ffnSubNorm(), s.gate, n, ff);
            if (probe != null) t = lap(probe, l, ForwardOp.FFN_SUB_NORM, n, t);
        }
        feedAll(act, s.gate, ff, L.down(), probe, l, BitLinearInput.FFN_DOWN, pos, n);
        kernel.matMul(act, n, L.down(), s.proj, null, null, null, null);
        addAll(s.x, s.proj, n, dim);
        if (probe != null) t = lap(probe, l, ForwardOp.FFN_DOWN, n, t);
        return t;
    }

    /** A per-token step of {@link TokenTask}. */
    private enum Step { NORM, FEED, ADD, ACTIVATE }

    private void normAll(float[][] x, float[] weight, float[][] out, int n, int dim) {
        perToken.run(Step.NORM, x, weight, out, null, null, n, dim);
    }

    private void feedAll(QuantizedActivations[] act, float[][] src, int dim, WeightMatrix consumer, ForwardProbe probe, int layer, BitLinearInput input, int pos, int n) {
        if (probe == null) {
            perToken.run(Step.FEED, src, null, null, act, consumer, n, dim);
            return;
        }
        for (int i = 0; i < n; i++) feed(act[i], src[i], dim, consumer, probe, layer, input, pos + i);
    }

    private void addAll(float[][] x, float[][] d, int n, int dim) {
        perToken.run(Step.ADD, x, null, d, null, null, n, dim);
    }

    private void activateAll(Workspace s, int n, int ff) {
        perToken.run(Step.ACTIVATE, s.gate, null, s.up, null, null, n, ff);
    }

    /**
     * A batch's per-token steps (norms, the int8 quantization of each projection's inputs, residual
     * adds, the FFN activation) on all of the pool's threads, tokens from a shared counter; on one
     * thread they were ~12 % of a 2-thread prompt while the other thread waited. Each token's
     * arithmetic is the same calls as one at a time. With a probe attached, the inputs are
     * quantized on the calling thread, which reports them.
     */
    private final class TokenTask implements WorkerPool.Task {
        private Step step;
        private float[][] a;
        private float[] weight;
        private float[][] b;
        private QuantizedActivations[] act;
        private WeightMatrix consumer;
        private int n;
        private int dim;
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        /** {@code step} for tokens {@code 0..n-1}; a single token (decoding) on the calling thread. */
        synchronized void run(Step step, float[][] a, float[] weight, float[][] b, QuantizedActivations[] act, WeightMatrix consumer, int n, int dim) {
            this.step = step;
            this.a = a;
            this.weight = weight;
            this.b = b;
            this.act = act;
            this.consumer = consumer;
            this.n = n;
            this.dim = dim;
            next.set(0);
            try {
                if (n > 1) kernel.pool().runShared(this);
                else run(0, 1);
            } finally {
                this.a = null;
                this.weight = null;
                this.b = null;
                this.act = null;
                this.consumer = null;
            }
        }

        @Override
        public void run(int part, int parts) {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                switch (step) {
                    case NORM -> rmsNorm(a[i], weight, b[i], dim);
                    case FEED -> feed(act[i], a[i], dim, consumer, null, 0, null, 0);
                    case ADD -> addInto(a[i], b[i], dim);
                    case ACTIVATE -> c.ffnActivation().applyGated(a[i], b[i], dim);
                }
            }
        }
    }

    private void ropeAndStore(Workspace s, int l, int pos, int n) {
        for (int i = 0; i < n; i++) {
            rope(s, i, s.q[i], c.headCount());
            rope(s, i, s.k[i], c.headCountKv());
            roundAll(keyCache, s.q[i]);
            roundAll(keyCache, s.k[i]);
            roundAll(valueCache, s.v[i]);
            s.kv.store(l, pos + i, s.k[i], s.v[i]);
        }
    }

    private static void addInto(float[] x, float[] d, int n) {
        for (int i = 0; i < n; i++) x[i] += d[i];
    }

    private static void roundAll(KvCacheType type, float[] v) {
        if (type == KvCacheType.F32) return;
        for (int i = 0; i < v.length; i++) v[i] = type.round(v[i]);
    }

    /** Loads a projection input: int8 codes for a ternary matrix, floats otherwise. */
    private void feed(QuantizedActivations act, float[] src, int n, WeightMatrix consumer, ForwardProbe probe, int layer, BitLinearInput input, int pos) {
        if (consumer.takesQuantizedInput()) act.quantize(src, 0, n, rule);
        else act.loadFloat(src, 0, n);
        if (probe != null) {
            probe.activation(layer, input, pos, act.absMax());
            probe.activationVector(layer, input, pos, src, 0, n);
        }
    }

    private static long lap(ForwardProbe probe, int layer, ForwardOp op, int tokens, long start) {
        long now = System.nanoTime();
        probe.time(layer, op, tokens, now - start);
        return now;
    }

    /** ggml_rms_norm then ggml_mul: Σx² in double, mean and scale in float, then (x·scale)·weight. */
    private void rmsNorm(float[] x, float[] weight, float[] out, int n) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) sum += x[i] * x[i];
        float mean = (float) (sum / n);
        float scale = 1.0f / (float) Math.sqrt(mean + c.rmsEps());
        for (int i = 0; i < n; i++) out[i] = (x[i] * scale) * weight[i];
    }

    /** ggml's rope cache: θ starts at the position and is multiplied by base^(−2/n) per pair, in float. */
    private void prepareRope(Workspace s, int slot, int pos) {
        float[] cos = s.ropeCos[slot];
        float[] sin = s.ropeSin[slot];
        float theta = pos;
        for (int i = 0; i < cos.length; i++) {
            cos[i] = (float) Math.cos(theta);
            sin[i] = (float) Math.sin(theta);
            theta *= ropeThetaScale;
        }
    }

    private void rope(Workspace s, int slot, float[] v, int heads) {
        int hd = c.headDim();
        int half = c.ropeDimensions() / 2;
        boolean neox = c.ropeStyle() == RopeStyle.NEOX;
        float[] cosines = s.ropeCos[slot];
        float[] sines = s.ropeSin[slot];
        for (int h = 0; h < heads; h++) {
            int base = h * hd;
            for (int i = 0; i < half; i++) {
                int a = neox ? base + i : base + 2 * i;
                int b = neox ? base + i + half : base + 2 * i + 1;
                float cos = cosines[i];
                float sin = sines[i];
                float x0 = v[a];
                float x1 = v[b];
                v[a] = x0 * cos - x1 * sin;
                v[b] = x0 * sin + x1 * cos;
            }
        }
    }

    /**
     * Causal attention of tokens {@code pos .. pos+n-1} over their prefixes, one (token, KV head)
     * per job, the jobs split between the pool's threads. Each head's arithmetic is the same
     * whichever thread runs it, so the split changes speed only.
     */
    private final class AttentionTask implements WorkerPool.Task {
        private Workspace s;
        private int layer;
        private int pos;
        private int n;
        private final java.util.concurrent.atomic.AtomicInteger nextJob = new java.util.concurrent.atomic.AtomicInteger();

        synchronized void run(Workspace s, int layer, int pos, int n) {
            WorkerPool pool = kernel.pool();
            s.ensureAttentionScratch(pool.threads());
            this.s = s;
            this.layer = layer;
            this.pos = pos;
            this.n = n;
            nextJob.set(0);
            try {
                pool.runShared(this);
            } finally {
                this.s = null;
            }
        }

        @Override
        public void run(int part, int parts) {
            // A job is all the query heads of one KV head, two at a time: each key and value row
            // is loaded once for a pair, and the second pair finds the rows in cache (a job per
            // pair read them from memory twice). Jobs come from a shared counter, so later tokens
            // (longer prefixes) and a thread the OS pauses do not leave the other threads waiting.
            // A single token's KV heads that do not divide among the threads (2B4T: 5 over 2) are
            // split into one job per pair, so no thread gets a whole KV head more than another;
            // every head is computed by the same calls either way.
            int group = c.headCount() / c.headCountKv();
            int step = pairsShareKeys() ? 2 : 1;
            int split = n == 1 ? c.headCountKv() % parts : 0;
            int whole = c.headCountKv() - split;
            int pieces = group / step;
            int jobsPerToken = whole + split * pieces;
            int jobs = n * jobsPerToken;
            float[] scores = s.partScores[part];
            for (int job = nextJob.getAndIncrement(); job < jobs; job = nextJob.getAndIncrement()) {
                int i = job / jobsPerToken;
                int j = job % jobsPerToken;
                int first;
                int last;
                if (j < whole) {
                    first = j * group;
                    last = first + group;
                } else {
                    int k = j - whole;
                    first = (whole + k / pieces) * group + (k % pieces) * step;
                    last = first + step;
                }
                for (int h = first; h < last; h += step) attendHeads(s, layer, pos + i, s.q[i], s.att[i], h, step, scores);
            }
        }
    }

    /** Whether query heads come in pairs that share a KV head. */
    private boolean pairsShareKeys() {
        return (c.headCount() / c.headCountKv()) % 2 == 0;
    }

    /**
     * Query heads {@code h .. h+count-1} (count 1 or 2, one KV head) of the token at {@code pos}
     * over positions 0..pos; they read KV head h / (heads / kvHeads). {@code scores} holds
     * {@code 2·(pos+1)} floats.
     */
    private void attendHeads(Workspace s, int layer, int pos, float[] query, float[] out, int h, int count, float[] scores) {
        int hd = c.headDim();
        int group = c.headCount() / c.headCountKv();
        MemorySegment keys = s.kv.keys(layer);
        MemorySegment values = s.kv.values(layer);
        long kvOff = s.kv.row(h / group, 0);
        int positions = pos + 1;
        if (count == 2) AttentionMath.dot2(keys, kvOff, hd, positions, query, h * hd, (h + 1) * hd, hd, kqScale, scores, positions);
        else AttentionMath.dot1(keys, kvOff, hd, positions, query, h * hd, hd, kqScale, scores);
        for (int k = 0; k < count; k++) softmax(scores, k * positions, positions);
        if (count == 2) AttentionMath.weightedSum2(scores, positions, values, kvOff, hd, out, h * hd, (h + 1) * hd, hd);
        else AttentionMath.weightedSum(scores, positions, values, kvOff, hd, out, h * hd, hd);
    }

    /** In place over {@code p[from .. from+n)}: exp in float, the sum in double, as llama.cpp does. */
    private static void softmax(float[] p, int from, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int t = from; t < from + n; t++) if (p[t] > max) max = p[t];
        double sum = 0.0;
        for (int t = from; t < from + n; t++) {
            float e = (float) Math.exp(p[t] - max);
            p[t] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int t = from; t < from + n; t++) p[t] *= inv;
    }
}
