package bitnet.workbench.model;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.kernel.ActivationQuantization;
import bitnet.workbench.kernel.MatVecKernel;
import bitnet.workbench.kernel.QuantizedActivations;
import bitnet.workbench.kernel.RowReader;
import bitnet.workbench.kernel.WeightMatrix;

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
 */
final class ForwardPass {
    private final ModelConfig c;
    private final ModelWeights w;
    private final MatVecKernel kernel;
    private final ActivationQuantization rule;
    private final boolean roundLmHeadInput;
    private final float kqScale;
    private final float ropeThetaScale;
    private final KvCacheType keyCache;
    private final KvCacheType valueCache;

    ForwardPass(ModelConfig config, ModelWeights weights, MatVecKernel kernel, ModelOptions options) {
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
        this.kqScale = 1.0f / (float) Math.sqrt(config.headDim());
        this.ropeThetaScale = (float) Math.pow(config.ropeFreqBase(), -2.0f / config.ropeDimensions());
    }

    boolean roundsLmHeadInput() { return roundLmHeadInput; }

    /** Evaluates {@code token} at {@code pos}, stores its keys and values, and writes logits if asked. */
    void run(Workspace s, int token, int pos, float[] logits, ForwardProbe probe) {
        long t = probe == null ? 0 : System.nanoTime();
        int dim = c.embeddingLength();
        RowReader.read(w.tokenEmbedding(), token, s.x, 0);
        s.ensurePositions(pos + 1);
        prepareRope(s, pos);
        if (probe != null) t = lap(probe, -1, ForwardOp.EMBEDDING, t);

        for (int l = 0; l < c.blockCount(); l++) {
            LayerWeights L = w.layers().get(l);
            rmsNorm(s.x, L.attnNorm(), s.xb, dim);
            if (probe != null) t = lap(probe, l, ForwardOp.ATTN_NORM, t);

            feed(s.act, s.xb, dim, L.wq(), probe, l, BitLinearInput.ATTN_QKV, pos);
            kernel.matVec(L.wq(), s.act, s.q, 0, c.queryDim());
            kernel.matVec(L.wk(), s.act, s.k, 0, c.kvDim());
            kernel.matVec(L.wv(), s.act, s.v, 0, c.kvDim());
            if (probe != null) t = lap(probe, l, ForwardOp.QKV, t);

            rope(s, s.q, c.headCount());
            rope(s, s.k, c.headCountKv());
            roundAll(keyCache, s.q);
            roundAll(keyCache, s.k);
            roundAll(valueCache, s.v);
            s.kv.store(l, pos, s.k, s.v);
            if (probe != null) t = lap(probe, l, ForwardOp.ROPE, t);

            attention(s, l, pos);
            if (probe != null) t = lap(probe, l, ForwardOp.ATTENTION, t);

            if (L.attnSubNorm() != null) {
                rmsNorm(s.att, L.attnSubNorm(), s.att, c.queryDim());
                if (probe != null) t = lap(probe, l, ForwardOp.ATTN_SUB_NORM, t);
            }
            feed(s.act, s.att, c.queryDim(), L.wo(), probe, l, BitLinearInput.ATTN_OUTPUT, pos);
            kernel.matVec(L.wo(), s.act, s.proj, 0, dim);
            for (int i = 0; i < dim; i++) s.x[i] += s.proj[i];
            if (probe != null) t = lap(probe, l, ForwardOp.ATTN_OUTPUT, t);

            rmsNorm(s.x, L.ffnNorm(), s.xb, dim);
            if (probe != null) t = lap(probe, l, ForwardOp.FFN_NORM, t);

            int ff = c.feedForwardLength();
            feed(s.act, s.xb, dim, L.gate(), probe, l, BitLinearInput.FFN_GATE_UP, pos);
            kernel.matVec(L.gate(), s.act, s.gate, 0, ff);
            kernel.matVec(L.up(), s.act, s.up, 0, ff);
            if (probe != null) t = lap(probe, l, ForwardOp.FFN_GATE_UP, t);

            FfnActivation act = c.ffnActivation();
            for (int i = 0; i < ff; i++) s.gate[i] = act.apply(s.gate[i]) * s.up[i];
            if (probe != null) t = lap(probe, l, ForwardOp.FFN_ACTIVATION, t);

            if (L.ffnSubNorm() != null) {
                rmsNorm(s.gate, L.ffnSubNorm(), s.gate, ff);
                if (probe != null) t = lap(probe, l, ForwardOp.FFN_SUB_NORM, t);
            }
            feed(s.act, s.gate, ff, L.down(), probe, l, BitLinearInput.FFN_DOWN, pos);
            kernel.matVec(L.down(), s.act, s.proj, 0, dim);
            for (int i = 0; i < dim; i++) s.x[i] += s.proj[i];
            if (probe != null) t = lap(probe, l, ForwardOp.FFN_DOWN, t);
        }

        if (logits == null) return;
        rmsNorm(s.x, w.outputNorm(), s.xb, dim);
        if (roundLmHeadInput) {
            for (int i = 0; i < dim; i++) s.xb[i] = Float.float16ToFloat(Float.floatToFloat16(s.xb[i]));
        }
        if (probe != null) t = lap(probe, -1, ForwardOp.OUTPUT_NORM, t);
        if (w.output().takesQuantizedInput()) s.act.quantize(s.xb, 0, dim, rule);
        else s.act.loadFloat(s.xb, 0, dim);
        kernel.matVec(w.output(), s.act, logits, 0, c.vocabSize());
        if (probe != null) lap(probe, -1, ForwardOp.LM_HEAD, t);
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

    private static long lap(ForwardProbe probe, int layer, ForwardOp op, long start) {
        long now = System.nanoTime();
        probe.time(layer, op, 1, now - start);
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
    private void prepareRope(Workspace s, int pos) {
        float theta = pos;
        for (int i = 0; i < s.ropeCos.length; i++) {
            s.ropeCos[i] = (float) Math.cos(theta);
            s.ropeSin[i] = (float) Math.sin(theta);
            theta *= ropeThetaScale;
        }
    }

    private void rope(Workspace s, float[] v, int heads) {
        int hd = c.headDim();
        int half = c.ropeDimensions() / 2;
        boolean neox = c.ropeStyle() == RopeStyle.NEOX;
        for (int h = 0; h < heads; h++) {
            int base = h * hd;
            for (int i = 0; i < half; i++) {
                int a = neox ? base + i : base + 2 * i;
                int b = neox ? base + i + half : base + 2 * i + 1;
                float cos = s.ropeCos[i];
                float sin = s.ropeSin[i];
                float x0 = v[a];
                float x1 = v[b];
                v[a] = x0 * cos - x1 * sin;
                v[b] = x0 * sin + x1 * cos;
            }
        }
    }

    /** Causal attention of the new token over positions 0..pos; query head h reads KV head h / (heads / kvHeads). */
    private void attention(Workspace s, int layer, int pos) {
        int hd = c.headDim();
        int kvDim = c.kvDim();
        int group = c.headCount() / c.headCountKv();
        float[] keys = s.kv.keys(layer);
        float[] values = s.kv.values(layer);
        float[] scores = s.scores;
        for (int h = 0; h < c.headCount(); h++) {
            int qOff = h * hd;
            int kvOff = (h / group) * hd;
            float max = Float.NEGATIVE_INFINITY;
            for (int t = 0; t <= pos; t++) {
                int kAt = t * kvDim + kvOff;
                double dot = 0.0;
                for (int d = 0; d < hd; d++) dot += (double) keys[kAt + d] * s.q[qOff + d];
                float score = (float) dot * kqScale;
                scores[t] = score;
                if (score > max) max = score;
            }
            double sum = 0.0;
            for (int t = 0; t <= pos; t++) {
                float e = (float) Math.exp(scores[t] - max);
                scores[t] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int t = 0; t <= pos; t++) scores[t] *= inv;
            double[] acc = s.attAcc;
            for (int d = 0; d < hd; d++) acc[d] = 0.0;
            for (int t = 0; t <= pos; t++) {
                int vAt = t * kvDim + kvOff;
                double p = scores[t];
                for (int d = 0; d < hd; d++) acc[d] += values[vAt + d] * p;
            }
            for (int d = 0; d < hd; d++) s.att[qOff + d] = (float) acc[d];
        }
    }
}
