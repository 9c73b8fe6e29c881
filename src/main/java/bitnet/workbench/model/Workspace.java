package bitnet.workbench.model;

import bitnet.workbench.kernel.QuantizedActivations;

/** The per-sequence buffers of the forward pass, allocated once. */
final class Workspace {
    final float[] x;
    final float[] xb;
    final float[] q;
    final float[] k;
    final float[] v;
    final float[] att;
    final double[] attAcc;
    final float[] proj;
    final float[] gate;
    final float[] up;
    final float[] ropeCos;
    final float[] ropeSin;
    float[] scores;
    final QuantizedActivations act;
    final KvCache kv;
    private final int contextLength;

    Workspace(ModelConfig c) {
        x = new float[c.embeddingLength()];
        xb = new float[c.embeddingLength()];
        q = new float[c.queryDim()];
        k = new float[c.kvDim()];
        v = new float[c.kvDim()];
        att = new float[c.queryDim()];
        attAcc = new double[c.headDim()];
        proj = new float[c.embeddingLength()];
        gate = new float[c.feedForwardLength()];
        up = new float[c.feedForwardLength()];
        ropeCos = new float[c.ropeDimensions() / 2];
        ropeSin = new float[c.ropeDimensions() / 2];
        scores = new float[Math.min(c.contextLength(), 256)];
        act = new QuantizedActivations(Math.max(c.embeddingLength(), Math.max(c.queryDim(), c.feedForwardLength())));
        kv = new KvCache(c.blockCount(), c.kvDim(), c.contextLength());
        contextLength = c.contextLength();
    }

    void ensurePositions(int n) {
        kv.ensureCapacity(n);
        if (scores.length < n) scores = new float[Math.min(contextLength, Math.max(n, 2 * scores.length))];
    }
}
