package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code vector-i8}: int8 activations times 2-bit ternary weights with the Vector API, on the
 * file's own I2_S and TQ2_0 layouts ({@link TwoBitVector}); float-input matrices (the output head,
 * float models) with vector fused multiply-adds ({@link FloatVectorRows}). Integer results equal
 * the scalar kernel's bit for bit; float results agree to rounding. An output matrix with an
 * {@link Int8Head} attached is multiplied with int8 (Q8_K) activations instead ({@link Int8HeadRows}). Combinations the vector code
 * does not cover (TQ1_0 and I2_S under Q8_K blocks, vectors narrower than 256 bits) use the scalar
 * code, so every model runs.
 */
public final class VectorI8Kernel implements MatVecKernel {
    public static final String NAME = "vector-i8";

    private final ScalarKernel scalar = new ScalarKernel();
    private final CopyOnWriteArrayList<TwoBitLayout> layouts = new CopyOnWriteArrayList<>();

    @Override
    public String name() { return NAME; }

    @Override
    public boolean supports(GgmlType type) {
        return WeightMatrix.MATRIX_TYPES.contains(type);
    }

    @Override
    public int rowGranule(WeightMatrix w) {
        return 4;
    }

    private boolean vectorTernary(WeightMatrix w, QuantizedActivations x) {
        if (!TwoBitVector.AVAILABLE || !x.isQuantized()) return false;
        return switch (w.type()) {
            case I2_S -> x.rule() == ActivationQuantization.PER_TOKEN;
            case TQ2_0 -> true;
            default -> false;
        };
    }

    private static boolean int8Head(WeightMatrix w, QuantizedActivations x) {
        return w.int8Head() != null && Int8HeadRows.AVAILABLE && !w.takesQuantizedInput();
    }

    @Override
    public void prepare(WeightMatrix w, QuantizedActivations x) {
        if (vectorTernary(w, x)) I8Input.of(x, layout(w));
        else if (int8Head(w, x)) Int8HeadRows.Input.of(x, w.cols());
    }

    private TwoBitLayout layout(WeightMatrix w) {
        for (TwoBitLayout l : layouts) if (l.fits(w)) return l;
        TwoBitLayout l = TwoBitLayout.of(w.type(), w.cols(), TwoBitVector.LANES);
        layouts.add(l);
        return l;
    }

    @Override
    public void matVec(WeightMatrix w, QuantizedActivations x, float[] out, int rowStart, int rowEnd) {
        MatVecKernel.checkArguments(this, w, x, out, rowStart, rowEnd);
        switch (w.type()) {
            case F32, F16, BF16, Q8_0, Q6_K -> {
                if (int8Head(w, x)) Int8HeadRows.matVec(w.int8Head(), Int8HeadRows.Input.of(x, w.cols()), out, rowStart, rowEnd);
                else FloatVectorRows.matVec(w, x.values(), out, rowStart, rowEnd);
            }
            case I2_S, TQ2_0 -> {
                if (!vectorTernary(w, x)) {
                    scalar.matVec(w, x, out, rowStart, rowEnd);
                    return;
                }
                I8Input in = ready(w, x);
                if (w.type() == GgmlType.I2_S) {
                    for (int r = rowStart; r < rowEnd; r++) out[r] = TwoBitVector.i2sRow(w, r, x, in);
                } else {
                    for (int r = rowStart; r < rowEnd; r++) out[r] = TwoBitVector.tq2Row(w, r, x, in);
                }
            }
            default -> scalar.matVec(w, x, out, rowStart, rowEnd);
        }
    }

    /**
     * Rows outermost, inputs innermost: each weight row is read from memory once for the whole
     * batch and from L1 for the other inputs, instead of streaming the matrix once per input.
     */
    @Override
    public void matMul(WeightMatrix w, QuantizedActivations[] xs, float[][] outs, int count, int rowStart, int rowEnd) {
        boolean vector = w.type() == GgmlType.I2_S || w.type() == GgmlType.TQ2_0;
        for (int i = 0; i < count && vector; i++) vector = vectorTernary(w, xs[i]);
        if (!vector || count == 1) {
            MatVecKernel.super.matMul(w, xs, outs, count, rowStart, rowEnd);
            return;
        }
        I8Input[] ins = INPUTS.get();
        if (ins.length < count) INPUTS.set(ins = new I8Input[count]);
        for (int i = 0; i < count; i++) {
            MatVecKernel.checkArguments(this, w, xs[i], outs[i], rowStart, rowEnd);
            ins[i] = ready(w, xs[i]);
        }
        boolean i2s = w.type() == GgmlType.I2_S;
        for (int r = rowStart; r < rowEnd; r++) {
            for (int i = 0; i < count; i++) outs[i][r] = i2s ? TwoBitVector.i2sRow(w, r, xs[i], ins[i]) : TwoBitVector.tq2Row(w, r, xs[i], ins[i]);
        }
        java.util.Arrays.fill(ins, 0, count, null);
    }

    private static final ThreadLocal<I8Input[]> INPUTS = ThreadLocal.withInitial(() -> new I8Input[64]);

    /** The prepared input; prepares it here if the caller did not (a direct call outside a {@link ParallelKernel}). */
    private I8Input ready(WeightMatrix w, QuantizedActivations x) {
        if (x.derived instanceof I8Input in && in.layout != null && in.layout.fits(w) && x.derivedVersion == x.version()) return in;
        return I8Input.of(x, layout(w));
    }
}
