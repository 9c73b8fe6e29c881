package bitnet.workbench.train;

import java.util.Arrays;

/**
 * Causal grouped-query attention over a batch of independent sequences: query head h reads KV head
 * {@code h / (heads / kvHeads)}, scores are scaled by 1/sqrt(headDim). Forward keeps the softmax
 * probabilities for the backward pass.
 */
final class CausalAttention {
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final float scale;

    CausalAttention(ModelConfig c) {
        this.heads = c.heads();
        this.kvHeads = c.kvHeads();
        this.headDim = c.headDim();
        this.scale = (float) (1.0 / Math.sqrt(headDim));
    }

    /** Floats needed to keep the probabilities of {@code sequences} sequences of length {@code t}. */
    long probabilitySize(int sequences, int t) {
        return (long) sequences * heads * t * t;
    }

    /** {@code out[n, heads·hd]} from q {@code [n, heads·hd]}, k and v {@code [n, kvHeads·hd]}. */
    void forward(WorkerPool pool, float[] q, float[] k, float[] v, float[] probs, float[] out, int sequences, int t) {
        int dq = heads * headDim, dkv = kvHeads * headDim, group = heads / kvHeads;
        pool.forRange(sequences * heads, 1, (from, to) -> {
            for (int job = from; job < to; job++) {
                int b = job / heads, h = job % heads, kvh = h / group;
                for (int i = 0; i < t; i++) {
                    int qo = (b * t + i) * dq + h * headDim;
                    int pRow = (job * t + i) * t;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        float s = Gemm.dot(q, qo, k, (b * t + j) * dkv + kvh * headDim, headDim) * scale;
                        probs[pRow + j] = s;
                        max = Math.max(max, s);
                    }
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        float e = (float) Math.exp(probs[pRow + j] - max);
                        probs[pRow + j] = e;
                        sum += e;
                    }
                    float inv = (float) (1.0 / sum);
                    Arrays.fill(out, qo, qo + headDim, 0f);
                    for (int j = 0; j <= i; j++) {
                        float p = probs[pRow + j] * inv;
                        probs[pRow + j] = p;
                        Gemm.axpy(p, v, (b * t + j) * dkv + kvh * headDim, out, qo, headDim);
                    }
                    Arrays.fill(probs, pRow + i + 1, pRow + t, 0f);
                }
            }
        });
    }

    /**
     * Gradients dq, dk, dv (overwritten) from {@code dOut}. One job per (sequence, KV head) so that
     * the query heads sharing a KV head add into dk and dv from one thread only.
     */
    void backward(WorkerPool pool, float[] dOut, float[] q, float[] k, float[] v, float[] probs,
                  float[] dq, float[] dk, float[] dv, int sequences, int t) {
        int dqw = heads * headDim, dkvw = kvHeads * headDim, group = heads / kvHeads;
        pool.forRange(sequences * kvHeads, 1, (from, to) -> {
            float[] dp = new float[t];
            for (int job = from; job < to; job++) {
                int b = job / kvHeads, kvh = job % kvHeads;
                for (int i = 0; i < t; i++) {
                    int ko = (b * t + i) * dkvw + kvh * headDim;
                    Arrays.fill(dk, ko, ko + headDim, 0f);
                    Arrays.fill(dv, ko, ko + headDim, 0f);
                }
                for (int h = kvh * group; h < (kvh + 1) * group; h++) {
                    int pJob = b * heads + h;
                    for (int i = 0; i < t; i++) {
                        int qo = (b * t + i) * dqw + h * headDim;
                        int pRow = (pJob * t + i) * t;
                        double pdSum = 0;
                        for (int j = 0; j <= i; j++) {
                            int vo = (b * t + j) * dkvw + kvh * headDim;
                            dp[j] = Gemm.dot(dOut, qo, v, vo, headDim);
                            pdSum += (double) probs[pRow + j] * dp[j];
                            Gemm.axpy(probs[pRow + j], dOut, qo, dv, vo, headDim);
                        }
                        Arrays.fill(dq, qo, qo + headDim, 0f);
                        for (int j = 0; j <= i; j++) {
                            float ds = probs[pRow + j] * (float) (dp[j] - pdSum) * scale;
                            int ko = (b * t + j) * dkvw + kvh * headDim;
                            Gemm.axpy(ds, k, ko, dq, qo, headDim);
                            Gemm.axpy(ds, q, qo, dk, ko, headDim);
                        }
                    }
                }
            }
        });
    }
}
