package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;

/**
 * {@code float}: the baseline that shows what ternary arithmetic buys. Ternary rows are decoded to
 * their weights and multiplied with the float activations (not their int8 codes) by vector fused
 * multiply-adds, times the row's scale; float matrices as in {@code vector-i8}. Its results are
 * the unquantized-activation product, so they differ from the int8 kernels by the activation
 * rounding (the tests bound it against a double-precision reference instead).
 */
public final class FloatKernel implements MatVecKernel {
    public static final String NAME = "float";

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        byte[] weights = new byte[0];
        float[] floats = new float[0];
    }

    @Override
    public String name() { return NAME; }

    @Override
    public boolean supports(GgmlType type) {
        return WeightMatrix.MATRIX_TYPES.contains(type);
    }

    @Override
    public void matVec(WeightMatrix w, QuantizedActivations x, float[] out, int rowStart, int rowEnd) {
        MatVecKernel.checkArguments(this, w, x, out, rowStart, rowEnd);
        if (!w.type().isTernary()) {
            FloatVectorRows.matVec(w, x.values(), out, rowStart, rowEnd);
            return;
        }
        Scratch s = SCRATCH.get();
        int cols = w.cols();
        if (s.weights.length < cols + 9) {
            s.weights = new byte[cols + 9];
            s.floats = new float[cols + 9];
        }
        float[] xs = x.values();
        for (int r = rowStart; r < rowEnd; r++) {
            float scale = LutMatrix.decodeRow(w, w.data(), r * w.rowBytes(), s.weights);
            if (Float.isNaN(scale)) {
                out[r] = exactRow(w, r, xs);
                continue;
            }
            for (int j = 0; j < cols; j++) s.floats[j] = s.weights[j];
            out[r] = FloatVectorRows.dot(s.floats, 0, xs, 0, cols) * scale;
        }
    }

    /** Rows that are not ternary with one scale (per-block scales, TQ2_0 code 3): value by value. */
    private static float exactRow(WeightMatrix w, int r, float[] x) {
        float[] row = new float[w.cols()];
        bitnet.workbench.tensor.TensorFormats.of(w.type()).dequantize(w.data(), (long) r * w.cols(), w.cols(), row, 0);
        float sum = 0f;
        for (int j = 0; j < row.length; j++) sum += row[j] * x[j];
        return sum;
    }
}
