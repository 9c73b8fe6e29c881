package bitnet.workbench.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * One input vector of a matrix multiplication, kept both as floats (for float weights) and, once
 * {@link #quantize} has run, as int8 codes with their scales (for ternary weights). A buffer reused
 * token after token: nothing is allocated after construction.
 *
 * <p>The scales follow each rule's own arithmetic exactly, because the reference engines' results
 * depend on it: {@link ActivationQuantization#PER_TOKEN} keeps the multiplier {@code s} (x ≈ q / s),
 * {@link ActivationQuantization#Q8K_BLOCKS} keeps one step {@code d} per block of 256 (x ≈ q · d).
 */
public final class QuantizedActivations {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * Byte.SIZE));
    private static final float ROUNDING = 12582912f;   // 1.5 · 2^23
    private final float[] values;
    private final byte[] codes;
    private final float[] blockSteps;
    private final int[] blockSums;
    private int length;
    private ActivationQuantization rule;
    private float tokenScale;
    private int tokenSum;
    private float absMax;
    /** Changes whenever the contents change, so kernels know when their derived layout is stale. */
    private int version;
    /** A kernel's reordered copy of the codes (see {@link MatVecKernel#prepare}), valid for {@link #derivedVersion}. */
    Object derived;
    int derivedVersion = -1;
    /** The lookup tables of the {@code vector-lut} kernel, kept apart so that mixing kernels per matrix never thrashes. */
    Object tables;
    int tablesVersion = -1;

    public QuantizedActivations(int capacity) {
        if (capacity <= 0) throw new IllegalArgumentException("capacity must be positive: " + capacity);
        values = new float[capacity];
        codes = new byte[capacity];
        int blocks = (capacity + ActivationQuantization.Q8K_BLOCK - 1) / ActivationQuantization.Q8K_BLOCK;
        blockSteps = new float[blocks];
        blockSums = new int[blocks];
    }

    public int capacity() { return values.length; }

    /** Holds {@code src[offset .. offset+length)} as floats only; int8 kernels refuse this input. */
    public void loadFloat(float[] src, int offset, int length) {
        copy(src, offset, length);
        rule = null;
        absMax = Float.NaN;
    }

    /** Holds the floats and their int8 codes under {@code rule}. */
    public void quantize(float[] src, int offset, int length, ActivationQuantization rule) {
        copy(src, offset, length);
        this.rule = rule;
        switch (rule) {
            case PER_TOKEN -> quantizePerToken();
            case Q8K_BLOCKS -> quantizeQ8kBlocks();
        }
    }

    private void copy(float[] src, int offset, int length) {
        if (length <= 0 || length > values.length) throw new IllegalArgumentException("length " + length + " does not fit capacity " + values.length);
        System.arraycopy(src, offset, values, 0, length);
        this.length = length;
        version++;
    }

    // bitnet.cpp quantize_row_i8_s: max in double with a 1e-5 floor, s narrowed to float, x*s in float.
    // In 16 float lanes: once per BitLinear input it cost ~30 µs per layer and token in scalar form,
    // about 1 ms per token, on one thread even when the products use two. Same results as the
    // scalar loops (QuantizedActivationsTest): a NaN is skipped by the largest magnitude but makes
    // the double maximum NaN, and rint is the round-half-even of adding and subtracting 1.5·2²³,
    // exact for |x·s| ≤ 2²² (here |x·s| ≤ 127 or NaN).
    private void quantizePerToken() {
        int i = 0;
        int lanes = F.length();
        FloatVector largest = FloatVector.zero(F);
        jdk.incubator.vector.VectorMask<Float> nan = F.maskAll(false);
        for (; i <= length - lanes; i += lanes) {
            FloatVector a = FloatVector.fromArray(F, values, i).abs();
            largest = largest.blend(a, a.compare(VectorOperators.GT, largest));
            nan = nan.or(a.test(VectorOperators.IS_NAN));
        }
        float amax = largest.reduceLanes(VectorOperators.MAX);
        boolean anyNaN = nan.anyTrue();
        for (; i < length; i++) {
            float a = Math.abs(values[i]);
            if (a > amax) amax = a;
            anyNaN |= Float.isNaN(a);
        }
        double max = anyNaN ? Double.NaN : Math.max(1e-5, amax);
        float s = (float) (127.0 / max);
        IntVector sums = IntVector.zero(I);
        i = 0;
        for (; i <= length - lanes; i += lanes) {
            FloatVector x = FloatVector.fromArray(F, values, i).mul(s);
            FloatVector r = x.add(ROUNDING).sub(ROUNDING);
            IntVector v = ((IntVector) r.convert(VectorOperators.F2I, 0)).max(-128).min(127);
            sums = sums.add(v);
            ((ByteVector) v.convertShape(VectorOperators.I2B, B, 0)).intoArray(codes, i);
        }
        int sum = sums.reduceLanes(VectorOperators.ADD);
        for (; i < length; i++) {
            int v = (int) Math.rint(values[i] * s);
            v = Math.max(-128, Math.min(127, v));
            codes[i] = (byte) v;
            sum += v;
        }
        tokenScale = s;
        tokenSum = sum;
        absMax = amax;
    }

    // ggml quantize_row_q8_K_ref: the first element of largest |x| sets the (signed) scale.
    private void quantizeQ8kBlocks() {
        int block = ActivationQuantization.Q8K_BLOCK;
        if (length % block != 0) {
            throw new IllegalArgumentException("q8k-blocks activation quantization needs a length that is a multiple of " + block + ", got " + length);
        }
        float overall = 0f;
        for (int b = 0; b < length / block; b++) {
            int base = b * block;
            float amax = 0f;
            float max = 0f;
            for (int j = 0; j < block; j++) {
                float ax = Math.abs(values[base + j]);
                if (ax > amax) {
                    amax = ax;
                    max = values[base + j];
                }
            }
            int sum = 0;
            if (amax == 0f) {
                for (int j = 0; j < block; j++) codes[base + j] = 0;
                blockSteps[b] = 0f;
            } else {
                float iscale = -127f / max;
                for (int j = 0; j < block; j++) {
                    int v = Math.min(127, (int) Math.rint(iscale * values[base + j]));
                    codes[base + j] = (byte) v;
                    sum += v;
                }
                blockSteps[b] = 1f / iscale;
            }
            blockSums[b] = sum;
            overall = Math.max(overall, amax);
        }
        absMax = overall;
    }

    public int length() { return length; }

    /** A number that changes whenever the held values change. */
    public int version() { return version; }

    /** The float values (valid up to {@link #length()}); do not modify. */
    public float[] values() { return values; }

    /** The int8 codes (valid up to {@link #length()} after {@link #quantize}); do not modify. */
    public byte[] codes() { return codes; }

    /** The rule of the last {@link #quantize}, or null if only floats are held. */
    public ActivationQuantization rule() { return rule; }

    public boolean isQuantized() { return rule != null; }

    /** PER_TOKEN: the multiplier {@code s}, so that x ≈ q / s. */
    public float tokenScale() { return tokenScale; }

    /** PER_TOKEN: Σ q over the whole vector. */
    public int tokenSum() { return tokenSum; }

    /** Q8K_BLOCKS: the step {@code d} of block {@code b}, so that x ≈ q · d. */
    public float blockStep(int b) { return blockSteps[b]; }

    /** Q8K_BLOCKS: Σ q over block {@code b}. */
    public int blockSum(int b) { return blockSums[b]; }

    /** max |x| over the vector (the quantity that sets the int8 scale). */
    public float absMax() {
        if (Float.isNaN(absMax)) {
            float m = 0f;
            for (int i = 0; i < length; i++) m = Math.max(m, Math.abs(values[i]));
            absMax = m;
        }
        return absMax;
    }

    /** Throws unless the codes are there; int8 kernels call it before reading them. */
    public void requireQuantized(WeightMatrix w) {
        if (rule == null) {
            throw new IllegalStateException("matrix '" + w.name() + "' (" + w.type() + ") needs int8 activations, but the input holds floats only");
        }
    }
}
