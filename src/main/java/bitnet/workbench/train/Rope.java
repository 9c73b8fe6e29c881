package bitnet.workbench.train;

/**
 * Rotary position embedding in the NEOX arrangement: within each head, dimension i is paired with
 * i + d/2 and rotated by {@code pos · theta^(−2i/d)}.
 */
final class Rope {
    private final int headDim;
    private final int half;
    private final int maxPositions;
    private final float[] cos;
    private final float[] sin;

    Rope(int headDim, int maxPositions, float theta) {
        this.headDim = headDim;
        this.half = headDim / 2;
        this.maxPositions = maxPositions;
        this.cos = new float[maxPositions * half];
        this.sin = new float[maxPositions * half];
        for (int p = 0; p < maxPositions; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * Math.pow(theta, -2.0 * i / headDim);
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
    }

    /**
     * Rotates every head of every row in place; row r is at position {@code r % seqLen}.
     * {@code inverse} applies the transposed rotation, which is the backward pass.
     */
    void apply(WorkerPool pool, float[] x, int rows, int seqLen, int heads, boolean inverse) {
        if (seqLen > maxPositions) throw new IllegalArgumentException("sequence length " + seqLen + " > " + maxPositions);
        int width = heads * headDim;
        pool.forRange(rows, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                int t = (r % seqLen) * half;
                for (int h = 0; h < heads; h++) {
                    int o = r * width + h * headDim;
                    for (int i = 0; i < half; i++) {
                        float c = cos[t + i], s = inverse ? -sin[t + i] : sin[t + i];
                        float x0 = x[o + i], x1 = x[o + i + half];
                        x[o + i] = x0 * c - x1 * s;
                        x[o + i + half] = x0 * s + x1 * c;
                    }
                }
            }
        });
    }
}
