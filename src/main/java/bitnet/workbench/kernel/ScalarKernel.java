package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;

/**
 * The reference kernel: one plain loop per storage format, written for clarity. Integer paths are
 * exact; float paths accumulate in float in index order. Every other kernel is checked against it.
 */
public final class ScalarKernel implements MatVecKernel {
    public static final String NAME = "scalar";

    @Override
    public String name() { return NAME; }

    @Override
    public boolean supports(GgmlType type) {
        return WeightMatrix.MATRIX_TYPES.contains(type);
    }

    /** Per-thread room for one decoded Q6_K block, so that the kernel stays allocation-free and shareable. */
    private static final ThreadLocal<float[]> Q6K_BLOCK = ThreadLocal.withInitial(() -> new float[Q6kRows.BLOCK]);

    @Override
    public void matVec(WeightMatrix w, QuantizedActivations x, float[] out, int rowStart, int rowEnd) {
        MatVecKernel.checkArguments(this, w, x, out, rowStart, rowEnd);
        float[] scratch = w.type() == GgmlType.Q6_K ? Q6K_BLOCK.get() : null;
        for (int r = rowStart; r < rowEnd; r++) out[r] = row(w, r, x, scratch);
    }

    private static float row(WeightMatrix w, int r, QuantizedActivations x, float[] scratch) {
        return switch (w.type()) {
            case Q6_K -> Q6kRows.dot(w, r, x.values(), scratch);
            case F32, F16, BF16 -> FloatRows.dot(w, r, x.values());
            case Q8_0 -> Q8_0Rows.dot(w, r, x.values());
            case I2_S -> I2sRows.dot(w, r, x);
            case TQ2_0 -> Tq2Rows.dot(w, r, x);
            case TQ1_0 -> Tq1Rows.dot(w, r, x);
            default -> throw new IllegalArgumentException("kernel 'scalar' cannot multiply " + w.type());
        };
    }
}
