package bitnet.workbench.kernel;

import java.util.Objects;

/**
 * A {@link MatVecKernel} spread over a {@link WorkerPool}: threads take chunks of rows from a
 * shared counter (rows of one matrix have equal bytes, so equal rows are equal work).
 * Products that read the same input (Q, K and V; gate and up) go out in one dispatch, so each
 * thread does its share of all of them without waiting in between.
 *
 * <p>A batch with at least {@value #INPUT_GROUP} inputs per thread is split by inputs instead:
 * each thread takes groups of inputs and multiplies them by every row, preparing them itself. When
 * the host put the two vCPUs on different dies, reading lookup tables the other die had just
 * written made 2-thread prompts ~20 % slower; split by inputs, alternating runs here gave 108–135
 * prompt tokens/s in that state against 102–105 before, and about the same as before otherwise
 * (medians 127 and 124). Each thread now reads every weight, but a prompt reads a matrix once per
 * group of inputs either way.
 *
 * <p>It keeps the arguments of the current product in fields and is itself the pool's task, so a
 * dispatch allocates nothing; products from several threads are serialised.
 */
public final class ParallelKernel implements WorkerPool.Task {
    private static final int MAX_MATRICES = 3;
    private static final int CHUNKS_PER_THREAD = 8;

    private final WorkerPool pool;
    private MatVecKernel kernel;
    private final WeightMatrix[] ws = new WeightMatrix[MAX_MATRICES];
    private final float[][] vecOuts = new float[MAX_MATRICES][];
    private final float[][][] batchOuts = new float[MAX_MATRICES][][];
    private int matrices;
    private QuantizedActivations x;
    private QuantizedActivations[] xs;
    private int count;
    private final java.util.concurrent.atomic.AtomicLong nextUnit = new java.util.concurrent.atomic.AtomicLong();
    private long totalUnits;
    private long chunkUnits;
    private final java.util.concurrent.atomic.AtomicInteger nextInput = new java.util.concurrent.atomic.AtomicInteger();
    /** Inputs a thread takes at once when a batch is split by inputs: {@link LutKernel}'s pass width. */
    static final int INPUT_GROUP = 4;
    private boolean byInputs;
    private QuantizedActivations[][] groupInputs = new QuantizedActivations[0][];
    private float[][][][] groupOuts = new float[0][][][];
    /** Prepares {@code xs[i]} for every matrix, inputs taken from a shared counter. */
    private final WorkerPool.Task prepareInputs = (part, parts) -> {
        for (int i = nextInput.getAndIncrement(); i < count; i = nextInput.getAndIncrement()) {
            for (int m = 0; m < matrices; m++) kernel.prepareForBatch(ws[m], xs[i]);
        }
    };

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
        byInputs = false;
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
        nextInput.set(0);
        byInputs = pool.threads() > 1 && count >= INPUT_GROUP * pool.threads();
        if (byInputs) {
            ensureGroupViews(pool.threads());
        } else if (pool.threads() > 1) {
            // A prompt's inputs are prepared (the lookup tables: ~12 µs per input and layer) on all
            // threads, not on the caller alone while the others wait.
            pool.runShared(prepareInputs);
        } else {
            prepareInputs.run(0, 1);
        }
        dispatch();
    }

    private void ensureGroupViews(int threads) {
        if (groupInputs.length >= threads) return;
        groupInputs = new QuantizedActivations[threads][INPUT_GROUP];
        groupOuts = new float[threads][MAX_MATRICES][INPUT_GROUP][];
    }

    /**
     * Groups of {@value #INPUT_GROUP} inputs from a shared counter, each group through every row
     * of every matrix: the thread that multiplies an input also prepares it and writes its
     * outputs, so no thread reads tables or results another core has just written.
     */
    private void runByInputs(int part) {
        QuantizedActivations[] in = groupInputs[part];
        float[][][] outs = groupOuts[part];
        for (int g = nextInput.getAndAdd(INPUT_GROUP); g < count; g = nextInput.getAndAdd(INPUT_GROUP)) {
            int k = Math.min(INPUT_GROUP, count - g);
            System.arraycopy(xs, g, in, 0, k);
            for (int m = 0; m < matrices; m++) {
                System.arraycopy(batchOuts[m], g, outs[m], 0, k);
                for (int j = 0; j < k; j++) kernel.prepareForBatch(ws[m], in[j]);
                kernel.matMul(ws[m], in, outs[m], k, 0, ws[m].rows());
            }
        }
        java.util.Arrays.fill(in, null);
        for (float[][] o : outs) java.util.Arrays.fill(o, null);
    }

    private void set(WeightMatrix w0, float[] v0, float[][] b0, WeightMatrix w1, float[] v1, float[][] b1, WeightMatrix w2, float[] v2, float[][] b2) {
        ws[0] = w0; vecOuts[0] = v0; batchOuts[0] = b0;
        ws[1] = w1; vecOuts[1] = v1; batchOuts[1] = b1;
        ws[2] = w2; vecOuts[2] = v2; batchOuts[2] = b2;
        matrices = w1 == null ? 1 : w2 == null ? 2 : 3;
    }

    private void dispatch() {
        long total = 0;
        for (int m = 0; m < matrices; m++) total += units(ws[m]);
        totalUnits = total;
        chunkUnits = Math.max(1, (total + CHUNKS_PER_THREAD * pool.threads() - 1) / (CHUNKS_PER_THREAD * pool.threads()));
        nextUnit.set(0);
        try {
            pool.runShared(this);
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
     * Threads take chunks of row units (kernel granules) of all the matrices of this dispatch
     * together, about eight chunks per thread, from a shared counter: a thread the OS has paused
     * (the GUI, another program) leaves its remaining chunks to the others instead of holding up
     * the whole product, and K and V (640 rows of 2B4T, two and a half 256-row units) do not each
     * give one thread a unit more. Eight, not four: a 2560-row matrix is ten 256-row units, which
     * four chunks per thread cut into five chunks, three for one thread and two for the other
     * (the down and output projections took ~15 % longer with two threads). Matrices in one
     * dispatch share their input, hence their row bytes; every row's arithmetic is the same
     * whichever thread does it.
     */
    @Override
    public void run(int part, int parts) {
        if (byInputs) {
            runByInputs(part);
            return;
        }
        while (true) {
            long lo = nextUnit.getAndAdd(chunkUnits);
            if (lo >= totalUnits) return;
            compute(lo, Math.min(totalUnits, lo + chunkUnits));
        }
    }

    /** Units {@code [from, to)} of the concatenation of this dispatch's matrices. */
    private void compute(long from, long to) {
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
