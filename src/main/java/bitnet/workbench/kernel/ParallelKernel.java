package bitnet.workbench.kernel;

import java.util.Objects;

/**
 * A {@link MatVecKernel} spread over a {@link WorkerPool}: every thread takes an equal share of
 * the rows of each matrix (rows of one matrix have equal bytes, so equal rows are equal bytes).
 * Products that read the same input (Q, K and V; gate and up) go out in one dispatch, so each
 * thread does its share of all of them without waiting in between.
 *
 * <p>It keeps the arguments of the current product in fields and is itself the pool's task, so a
 * dispatch allocates nothing; products from several threads are serialised.
 */
public final class ParallelKernel implements WorkerPool.Task {
    private static final int MAX_MATRICES = 3;

    private final WorkerPool pool;
    private MatVecKernel kernel;
    private final WeightMatrix[] ws = new WeightMatrix[MAX_MATRICES];
    private final float[][] vecOuts = new float[MAX_MATRICES][];
    private final float[][][] batchOuts = new float[MAX_MATRICES][][];
    private int matrices;
    private QuantizedActivations x;
    private QuantizedActivations[] xs;
    private int count;

    public ParallelKernel(MatVecKernel kernel, WorkerPool pool) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    public synchronized MatVecKernel kernel() { return kernel; }

    public WorkerPool pool() { return pool; }

    /** Switches the kernel; only between products (the model serialises this with its generations). */
    public synchronized void setKernel(MatVecKernel kernel) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /** {@code out = w · x}. */
    public synchronized void matVec(WeightMatrix w, QuantizedActivations x, float[] out) {
        matVec(x, w, out, null, null, null, null);
    }

    /** {@code o0 = w0 · x}, {@code o1 = w1 · x} and, if {@code w2} is not null, {@code o2 = w2 · x}, in one dispatch. */
    public synchronized void matVec(QuantizedActivations x, WeightMatrix w0, float[] o0, WeightMatrix w1, float[] o1, WeightMatrix w2, float[] o2) {
        this.x = x;
        this.xs = null;
        this.count = 1;
        set(w0, o0, null, w1, o1, null, w2, o2, null);
        for (int m = 0; m < matrices; m++) kernel.prepare(ws[m], x);
        dispatch();
    }

    /** {@code outs[i] = w · xs[i]} for {@code i < count}: each weight row is read once for all inputs. */
    public synchronized void matMul(WeightMatrix w, QuantizedActivations[] xs, float[][] outs, int count) {
        matMul(xs, count, w, outs, null, null, null, null);
    }

    /** The batched form of {@link #matVec(QuantizedActivations, WeightMatrix, float[], WeightMatrix, float[], WeightMatrix, float[])}. */
    public synchronized void matMul(QuantizedActivations[] xs, int count, WeightMatrix w0, float[][] o0, WeightMatrix w1, float[][] o1, WeightMatrix w2, float[][] o2) {
        if (count == 1) {
            matVec(xs[0], w0, o0[0], w1, o1 == null ? null : o1[0], w2, o2 == null ? null : o2[0]);
            return;
        }
        this.x = null;
        this.xs = xs;
        this.count = count;
        set(w0, null, o0, w1, null, o1, w2, null, o2);
        for (int m = 0; m < matrices; m++) for (int i = 0; i < count; i++) kernel.prepare(ws[m], xs[i]);
        dispatch();
    }

    private void set(WeightMatrix w0, float[] v0, float[][] b0, WeightMatrix w1, float[] v1, float[][] b1, WeightMatrix w2, float[] v2, float[][] b2) {
        ws[0] = w0; vecOuts[0] = v0; batchOuts[0] = b0;
        ws[1] = w1; vecOuts[1] = v1; batchOuts[1] = b1;
        ws[2] = w2; vecOuts[2] = v2; batchOuts[2] = b2;
        matrices = w1 == null ? 1 : w2 == null ? 2 : 3;
    }

    private void dispatch() {
        try {
            pool.run(this);
        } finally {
            for (int m = 0; m < MAX_MATRICES; m++) {
                ws[m] = null;
                vecOuts[m] = null;
                batchOuts[m] = null;
            }
            x = null;
            xs = null;
        }
    }

    /**
     * Part {@code part} takes an equal share of the row units (kernel granules) of all the matrices
     * of this dispatch together, so that K and V (640 rows of 2B4T, five 128-row units) do not each
     * give one thread a unit more: matrices in one dispatch share their input, hence their row bytes.
     */
    @Override
    public void run(int part, int parts) {
        long total = 0;
        for (int m = 0; m < matrices; m++) total += units(ws[m]);
        long from = total * part / parts;
        long to = total * (part + 1) / parts;
        long base = 0;
        for (int m = 0; m < matrices; m++) {
            WeightMatrix w = ws[m];
            long units = units(w);
            long lo = Math.max(from, base);
            long hi = Math.min(to, base + units);
            base += units;
            if (lo >= hi) continue;
            int g = granule(w);
            int start = (int) Math.min(w.rows(), (lo - (base - units)) * g);
            int end = (int) Math.min(w.rows(), (hi - (base - units)) * g);
            if (start >= end) continue;
            if (xs == null) kernel.matVec(w, x, vecOuts[m], start, end);
            else kernel.matMul(w, xs, batchOuts[m], count, start, end);
        }
    }

    private int granule(WeightMatrix w) {
        return Math.max(1, kernel.rowGranule(w));
    }

    private long units(WeightMatrix w) {
        int g = granule(w);
        return (w.rows() + g - 1) / g;
    }
}
