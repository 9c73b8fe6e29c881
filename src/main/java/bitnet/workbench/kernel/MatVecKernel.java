package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;

/**
 * The hot loop of inference: weight matrix × activation vector. Implementations are named variants
 * (the {@code scalar} reference, later vectorised ones) that the user can pick and the benchmark can
 * compare; every variant must agree with {@code scalar}.
 *
 * <p>Work is given as a row range so that a thread pool can split one product across workers, each
 * writing its own rows of {@code out}. Implementations keep no per-call state outside their
 * arguments, so one instance may serve several threads at once.
 */
public interface MatVecKernel {
    /** The name users select the kernel by, e.g. {@code "scalar"}. */
    String name();

    /** Whether this kernel multiplies matrices stored as {@code type}. */
    boolean supports(GgmlType type);

    /**
     * Sets {@code out[r]} to row {@code r} of {@code w} times {@code x}, for every {@code r} in
     * {@code [rowStart, rowEnd)}; other elements of {@code out} are left alone. Ternary matrices read
     * the int8 codes of {@code x} ({@link QuantizedActivations#quantize} must have run), float and
     * Q8_0 matrices its float values.
     */
    void matVec(WeightMatrix w, QuantizedActivations x, float[] out, int rowStart, int rowEnd);

    /**
     * The same rows times several vectors (a prompt's tokens): {@code outs[i][r] = w[r] · xs[i]} for
     * {@code i < count}. This default calls {@link #matVec} per vector; batched variants override it
     * to read each weight row once for all vectors.
     */
    default void matMul(WeightMatrix w, QuantizedActivations[] xs, float[][] outs, int count, int rowStart, int rowEnd) {
        for (int i = 0; i < count; i++) matVec(w, xs[i], outs[i], rowStart, rowEnd);
    }

    /**
     * Readies {@code x} for products with matrices like {@code w} (a kernel may reorder the int8
     * codes into its own layout). Called before the rows of a product are split between threads,
     * so {@link #matVec} on worker threads only reads; the inputs of a batch may be prepared on
     * different threads at once, each input by one thread. Calling it again for an unchanged input
     * is cheap. The default does nothing.
     */
    default void prepare(WeightMatrix w, QuantizedActivations x) {
    }

    /**
     * {@link #prepare} for an input of a batch ({@link #matMul}), whose preparation every thread
     * then reads. The default is {@link #prepare}; a kernel whose single products prepare on each
     * thread instead (see {@link LutKernel}) still shares a batch's.
     */
    default void prepareForBatch(WeightMatrix w, QuantizedActivations x) {
        prepare(w, x);
    }

    /**
     * Whether the model should attach a {@link LutMatrix} to each ternary matrix ({@link
     * WeightMatrix#withPacked}) before products run with this kernel.
     */
    default boolean repacksTernary() {
        return false;
    }

    /** The number a thread's share of rows should be a multiple of (except the last share). */
    default int rowGranule(WeightMatrix w) {
        return 1;
    }

    /** The argument checks every implementation performs before touching memory. */
    static void checkArguments(MatVecKernel kernel, WeightMatrix w, QuantizedActivations x, float[] out, int rowStart, int rowEnd) {
        if (!kernel.supports(w.type())) {
            throw new IllegalArgumentException("kernel '" + kernel.name() + "' cannot multiply " + w.type() + " matrix '" + w.name() + "'");
        }
        if (x.length() != w.cols()) {
            throw new IllegalArgumentException("matrix '" + w.name() + "' has rows of " + w.cols() + " values but the input has " + x.length());
        }
        if (rowStart < 0 || rowEnd > w.rows() || rowStart > rowEnd) {
            throw new IndexOutOfBoundsException("row range [" + rowStart + ", " + rowEnd + ") is outside matrix '" + w.name() + "' with " + w.rows() + " rows");
        }
        if (out.length < rowEnd) {
            throw new IndexOutOfBoundsException("output of length " + out.length + " cannot hold row " + (rowEnd - 1));
        }
        if (w.takesQuantizedInput()) x.requireQuantized(w);
    }
}
