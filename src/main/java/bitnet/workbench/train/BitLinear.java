package bitnet.workbench.train;

/**
 * A BitLinear layer {@code y = Q_a(x) · Q_w(W)ᵀ} without bias. The input arrives already
 * quantized (it is shared by the projections that read it); this class holds the effective
 * weights of the current step. Backward is the straight-through estimator: the gradient with
 * respect to the input uses the effective (ternary) weights, the gradient with respect to the
 * latent weights uses the quantized input.
 */
final class BitLinear {
    private final Parameter weight;
    private final int site;
    private final float[] effective;
    private final float[] effectiveT;

    BitLinear(Parameter weight, int site) {
        this.weight = weight;
        this.site = site;
        this.effective = new float[weight.size()];
        this.effectiveT = new float[weight.size()];
    }

    int in() {
        return weight.cols();
    }

    int out() {
        return weight.rows();
    }

    Parameter weight() {
        return weight;
    }

    /** Quantizes the latent weights for this step (call after every optimizer update). */
    void prepare(FakeQuantizer quantizer, WorkerPool pool) {
        quantizer.weights(site, weight.values(), effective);
        Gemm.transpose(pool, effective, out(), in(), effectiveT);
    }

    /** {@code y[rows, out] = x[rows, in] · Wᵀ}. */
    void forward(WorkerPool pool, float[] x, float[] y, int rows) {
        Gemm.multiply(pool, x, effectiveT, y, rows, in(), out(), false);
    }

    /** {@code dx[rows, in] (+)= dy[rows, out] · W}. */
    void backwardInput(WorkerPool pool, float[] dy, float[] dx, int rows, boolean accumulate) {
        Gemm.multiply(pool, dy, effective, dx, rows, out(), in(), accumulate);
    }

    /** {@code dW[out, in] += dyᵀ · x}; {@code scratch} holds at least {@code rows·out} floats. */
    void backwardWeight(WorkerPool pool, float[] dy, float[] x, int rows, float[] scratch) {
        Gemm.transpose(pool, dy, rows, out(), scratch);
        Gemm.multiply(pool, scratch, x, weight.gradient(), out(), rows, in(), true);
    }
}
