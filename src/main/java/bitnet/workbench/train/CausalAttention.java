package bitnet.workbench.train;

import java.util.Arrays;

/**
 * Causal grouped-query attention over a batch of independent sequences: query head h reads KV head
 * {@code h / (heads / kvHeads)}, scores are scaled by 1/sqrt(headDim). Each (sequence, head) is a
 * handful of small matrix products done with {@link Gemm#multiplyStrided} on the head's slice of
 * the activations, in blocks of query rows so that the masked upper triangle is mostly skipped.
 * Forward keeps the softmax probabilities for the backward pass.
 */
final class CausalAttention {
    /** Query rows per block; columns past a block's last row are all masked. */
    private static final int BLOCK = 32;

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
            float[] kt = new float[headDim * t];
            for (int job = from; job < to; job++) {
                int b = job / heads, h = job % heads, kvh = h / group;
                int qOff = b * t * dq + h * headDim, kvOff = b * t * dkv + kvh * headDim, pOff = job * t * t;
                transposeHead(k, kvOff, dkv, t, kt);
                for (int i0 = 0; i0 < t; i0 += BLOCK) {
                    int i1 = Math.min(t, i0 + BLOCK);
                    // scores of rows i0..i1 against keys 0..i1 (later keys are masked for all of them)
                    Gemm.multiplyStrided(q, qOff + i0 * dq, dq, kt, 0, t, probs, pOff + i0 * t, t, i1 - i0, headDim, i1, false);
                    for (int i = i0; i < i1; i++) softmaxRow(probs, pOff + i * t, i, t);
                    Gemm.multiplyStrided(probs, pOff + i0 * t, t, v, kvOff, dkv, out, qOff + i0 * dq, dq, i1 - i0, i1, headDim, false);
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
            float[] vt = new float[headDim * t];
            float[] ds = new float[t * t];
            float[] dsT = new float[t * t];
            float[] pT = new float[t * t];
            for (int job = from; job < to; job++) {
                int b = job / kvHeads, kvh = job % kvHeads;
                int kvOff = b * t * dkvw + kvh * headDim;
                for (int i = 0; i < t; i++) {
                    int o = kvOff + i * dkvw;
                    Arrays.fill(dk, o, o + headDim, 0f);
                    Arrays.fill(dv, o, o + headDim, 0f);
                }
                transposeHead(v, kvOff, dkvw, t, vt);
                for (int h = kvh * group; h < (kvh + 1) * group; h++) {
                    int qOff = b * t * dqw + h * headDim, pOff = (b * heads + h) * t * t;
                    for (int i0 = 0; i0 < t; i0 += BLOCK) {
                        int i1 = Math.min(t, i0 + BLOCK);
                        // dP = dO · Vᵀ, then dS = P ⊙ (dP − Σ_j P·dP) · scale, row by row
                        Gemm.multiplyStrided(dOut, qOff + i0 * dqw, dqw, vt, 0, t, ds, i0 * t, t, i1 - i0, headDim, i1, false);
                        for (int i = i0; i < i1; i++) softmaxBackwardRow(probs, pOff + i * t, ds, i * t, i, t);
                        // dQ = dS · K
                        Gemm.multiplyStrided(ds, i0 * t, t, k, kvOff, dkvw, dq, qOff + i0 * dqw, dqw, i1 - i0, i1, headDim, false);
                    }
                    transposeSquare(ds, t, dsT);
                    transposeSquare(probs, pOff, t, pT);
                    for (int j0 = 0; j0 < t; j0 += BLOCK) {
                        int j1 = Math.min(t, j0 + BLOCK);
                        // key j receives from queries i ≥ j only: dK += dSᵀ · Q, dV += Pᵀ · dO over i = j0..t
                        Gemm.multiplyStrided(dsT, j0 * t + j0, t, q, qOff + j0 * dqw, dqw, dk, kvOff + j0 * dkvw, dkvw,
                            j1 - j0, t - j0, headDim, true);
                        Gemm.multiplyStrided(pT, j0 * t + j0, t, dOut, qOff + j0 * dqw, dqw, dv, kvOff + j0 * dkvw, dkvw,
                            j1 - j0, t - j0, headDim, true);
                    }
                }
            }
        });
    }

    /** Scaled, masked softmax of row i in place; entries after i (up to the row end) become 0. */
    private void softmaxRow(float[] p, int o, int i, int t) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j <= i; j++) {
            p[o + j] *= scale;
            max = Math.max(max, p[o + j]);
        }
        double sum = 0;
        for (int j = 0; j <= i; j++) {
            float e = (float) Math.exp(p[o + j] - max);
            p[o + j] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j <= i; j++) p[o + j] *= inv;
        Arrays.fill(p, o + i + 1, o + t, 0f);
    }

    /** Turns row i of dP into dS in place; masked columns (after i, to the row end t) become 0. */
    private void softmaxBackwardRow(float[] p, int pRow, float[] ds, int dRow, int i, int t) {
        double dot = 0;
        for (int j = 0; j <= i; j++) dot += (double) p[pRow + j] * ds[dRow + j];
        float d = (float) dot;
        for (int j = 0; j <= i; j++) ds[dRow + j] = p[pRow + j] * (ds[dRow + j] - d) * scale;
        Arrays.fill(ds, dRow + i + 1, dRow + t, 0f);
    }

    /** {@code dst[d·t + j] = x[off + j·stride + d]}: one head's [t × headDim] slice, transposed. */
    private void transposeHead(float[] x, int off, int stride, int t, float[] dst) {
        for (int j = 0; j < t; j++) {
            int o = off + j * stride;
            for (int d = 0; d < headDim; d++) dst[d * t + j] = x[o + d];
        }
    }

    private static void transposeSquare(float[] src, int t, float[] dst) {
        transposeSquare(src, 0, t, dst);
    }

    private static void transposeSquare(float[] src, int off, int t, float[] dst) {
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) dst[j * t + i] = src[off + i * t + j];
        }
    }
}
