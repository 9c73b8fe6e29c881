package bitnet.workbench.train;

/** {@code y = x / sqrt(mean(x²) + eps) · g} per row, and its backward pass. */
final class RmsNorm {
    private RmsNorm() {
    }

    /** Writes y and the per-row {@code 1/rms} that backward needs. */
    static void forward(WorkerPool pool, float[] x, float[] g, float[] y, float[] rinv, int rows, int cols, float eps) {
        pool.forRange(rows, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                double ss = 0;
                for (int j = 0; j < cols; j++) ss += (double) x[o + j] * x[o + j];
                float ri = (float) (1.0 / Math.sqrt(ss / cols + eps));
                rinv[r] = ri;
                for (int j = 0; j < cols; j++) y[o + j] = x[o + j] * ri * g[j];
            }
        });
    }

    /**
     * {@code dx (+)= ∂L/∂x} and {@code dg += ∂L/∂g} given {@code dy = ∂L/∂y}:
     * {@code dx = r·g·dy − x·r³/n·Σ(g·dy·x)}, {@code dg = Σ_rows dy·x·r}.
     */
    static void backward(WorkerPool pool, float[] dy, float[] x, float[] g, float[] rinv, float[] dx, float[] dg,
                         int rows, int cols, boolean accumulate) {
        pool.forRange(rows, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                float ri = rinv[r];
                double dot = 0;
                for (int j = 0; j < cols; j++) dot += (double) g[j] * dy[o + j] * x[o + j];
                float c = (float) (dot * ri * ri * ri / cols);
                for (int j = 0; j < cols; j++) {
                    float v = ri * g[j] * dy[o + j] - x[o + j] * c;
                    dx[o + j] = accumulate ? dx[o + j] + v : v;
                }
            }
        });
        pool.forRange(cols, 16, (from, to) -> {
            for (int j = from; j < to; j++) {
                double s = 0;
                for (int r = 0; r < rows; r++) s += (double) dy[r * cols + j] * x[r * cols + j] * rinv[r];
                dg[j] += (float) s;
            }
        });
    }
}
