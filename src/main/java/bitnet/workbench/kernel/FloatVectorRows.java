package bitnet.workbench.kernel;

import bitnet.workbench.tensor.LittleEndian;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Float, BF16, F16, Q8_0 and Q6_K rows times float activations with the Vector API: fused
 * multiply-adds into lane-wise partial sums. The sums are ordered differently from the scalar
 * kernel's left-to-right loop, so results agree with it to rounding (relative ~1e-6 of Σ|w·x|), not
 * bit for bit.
 */
final class FloatVectorRows {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int FL = F.length();
    private static final VectorSpecies<Short> HALF_SHORTS = VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    private static final VectorSpecies<Byte> QUARTER_BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.vectorBitSize() / 4));
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** Per-thread room for converted F16 rows and decoded Q6_K blocks. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        short[] halves = new short[0];
        float[] floats = new float[0];

        float[] floats(int n) {
            if (floats.length < n) floats = new float[n];
            return floats;
        }

        short[] halves(int n) {
            if (halves.length < n) halves = new short[n];
            return halves;
        }
    }

    private FloatVectorRows() {
    }

    static void matVec(WeightMatrix w, float[] x, float[] out, int rowStart, int rowEnd) {
        Scratch s = SCRATCH.get();
        for (int r = rowStart; r < rowEnd; r++) {
            out[r] = switch (w.type()) {
                case F32 -> f32(w.data(), r * w.rowBytes(), x, w.cols());
                case BF16 -> bf16(w.data(), r * w.rowBytes(), x, w.cols());
                case F16 -> f16(w.data(), r * w.rowBytes(), x, w.cols(), s);
                case Q8_0 -> q8_0(w.data(), r * w.rowBytes(), x, w.cols());
                case Q6_K -> q6k(w.data(), r * w.rowBytes(), x, w.cols(), s);
                default -> throw new IllegalArgumentException(w.type() + " is not a float-input type");
            };
        }
    }

    static float dot(float[] a, int aOff, float[] x, int xOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        for (; j <= n - FL; j += FL) acc = FloatVector.fromArray(F, a, aOff + j).fma(FloatVector.fromArray(F, x, xOff + j), acc);
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) sum += a[aOff + j] * x[xOff + j];
        return sum;
    }

    private static float f32(MemorySegment d, long base, float[] x, int n) {
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        for (; j <= n - FL; j += FL) acc = FloatVector.fromMemorySegment(F, d, base + 4L * j, LE).fma(FloatVector.fromArray(F, x, j), acc);
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) sum += d.get(LittleEndian.FLOAT, base + 4L * j) * x[j];
        return sum;
    }

    private static float bf16(MemorySegment d, long base, float[] x, int n) {
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        for (; j <= n - FL; j += FL) {
            IntVector bits = (IntVector) ShortVector.fromMemorySegment(HALF_SHORTS, d, base + 2L * j, LE).convertShape(VectorOperators.S2I, IntVector.SPECIES_PREFERRED.withShape(F.vectorShape()), 0);
            acc = bits.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(FloatVector.fromArray(F, x, j), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) sum += FloatRows.bf16ToFloat(d.get(LittleEndian.SHORT, base + 2L * j)) * x[j];
        return sum;
    }

    // F16 -> F32 through a plain loop that C2 compiles to vcvtph2ps, then fused multiply-adds.
    private static float f16(MemorySegment d, long base, float[] x, int n, Scratch s) {
        short[] h = s.halves(n);
        float[] f = s.floats(n);
        MemorySegment.copy(d, LittleEndian.SHORT, base, h, 0, n);
        for (int j = 0; j < n; j++) f[j] = Float.float16ToFloat(h[j]);
        return dot(f, 0, x, 0, n);
    }

    private static float q8_0(MemorySegment d, long base, float[] x, int n) {
        FloatVector acc = FloatVector.zero(F);
        float tail = 0f;
        for (int b = 0; b < n / Q8_0Rows.BLOCK; b++) {
            long at = base + (long) b * Q8_0Rows.BLOCK_BYTES;
            float step = Float.float16ToFloat(d.get(LittleEndian.SHORT, at));
            if (FL <= Q8_0Rows.BLOCK && Q8_0Rows.BLOCK % FL == 0) {
                FloatVector blockAcc = FloatVector.zero(F);
                for (int j = 0; j < Q8_0Rows.BLOCK; j += FL) {
                    FloatVector q = (FloatVector) ByteVector.fromMemorySegment(QUARTER_BYTES, d, at + 2 + j, LE).convertShape(VectorOperators.B2F, F, 0);
                    blockAcc = q.fma(FloatVector.fromArray(F, x, b * Q8_0Rows.BLOCK + j), blockAcc);
                }
                acc = blockAcc.fma(FloatVector.broadcast(F, step), acc);
            } else {
                for (int j = 0; j < Q8_0Rows.BLOCK; j++) tail += d.get(LittleEndian.BYTE, at + 2 + j) * step * x[b * Q8_0Rows.BLOCK + j];
            }
        }
        return acc.reduceLanes(VectorOperators.ADD) + tail;
    }

    private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;
    /** The vector Q6_K path needs 16 float lanes (one lane per value of a 16-value sub-block). */
    private static final boolean Q6K_VECTOR = F.vectorBitSize() >= 512;

    private static float q6k(MemorySegment d, long base, float[] x, int n, Scratch s) {
        if (!Q6K_VECTOR) {
            float[] f = s.floats(Q6kRows.BLOCK);
            float sum = 0f;
            for (int b = 0; b < n / Q6kRows.BLOCK; b++) {
                Q6kRows.dequantize(d, base + (long) b * Q6kRows.BLOCK_BYTES, 1, f, 0);
                sum += dot(f, 0, x, b * Q6kRows.BLOCK, Q6kRows.BLOCK);
            }
            return sum;
        }
        FloatVector acc = FloatVector.zero(F512);
        for (int b = 0; b < n / Q6kRows.BLOCK; b++) {
            long at = base + (long) b * Q6kRows.BLOCK_BYTES;
            float dd = Float.float16ToFloat(d.get(LittleEndian.SHORT, at + Q6kRows.D));
            for (int half = 0; half < 2; half++) {
                ByteVector lo = ByteVector.fromMemorySegment(B256, d, at + 64L * half, LE);
                ByteVector hi = ByteVector.fromMemorySegment(B256, d, at + 64L * half + 32, LE);
                ByteVector h = ByteVector.fromMemorySegment(B256, d, at + Q6kRows.QH + 32L * half, LE);
                long sc = at + Q6kRows.SCALES + 8L * half;
                int xo = b * Q6kRows.BLOCK + 128 * half;
                // Nibbles and high bits through 16-bit shifts, then byte masks (byte-lane shifts are slow).
                ByteVector q0 = lo.and((byte) 0x0F).or(shift(h, 4).and((byte) 0x30));
                ByteVector q1 = hi.and((byte) 0x0F).or(shift(h, 2).and((byte) 0x30));
                ByteVector q2 = shift(lo, -4).and((byte) 0x0F).or(h.and((byte) 0x30));
                ByteVector q3 = shift(hi, -4).and((byte) 0x0F).or(shift(h, -2).and((byte) 0x30));
                acc = group(q0, x, xo, dd, d, sc, acc);
                acc = group(q1, x, xo + 32, dd, d, sc + 2, acc);
                acc = group(q2, x, xo + 64, dd, d, sc + 4, acc);
                acc = group(q3, x, xo + 96, dd, d, sc + 6, acc);
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** Bytes of {@code v} shifted left ({@code bits > 0}) or right within 16-bit lanes; callers mask the bits that crossed bytes. */
    private static ByteVector shift(ByteVector v, int bits) {
        ShortVector s = v.reinterpretAsShorts();
        return (bits > 0 ? s.lanewise(VectorOperators.LSHL, bits) : s.lanewise(VectorOperators.LSHR, -bits)).reinterpretAsBytes();
    }

    /** 32 values q (0..63) of two sub-blocks: acc += (d·scale)·(q − 32)·x, one sub-block per 16 lanes. */
    private static FloatVector group(ByteVector q, float[] x, int xo, float dd, MemorySegment d, long sc, FloatVector acc) {
        FloatVector q0 = (FloatVector) q.convertShape(VectorOperators.B2F, F512, 0);
        FloatVector q1 = (FloatVector) q.convertShape(VectorOperators.B2F, F512, 1);
        float s0 = dd * d.get(LittleEndian.BYTE, sc);
        float s1 = dd * d.get(LittleEndian.BYTE, sc + 1);
        acc = q0.sub(32f).mul(s0).fma(FloatVector.fromArray(F512, x, xo), acc);
        return q1.sub(32f).mul(s1).fma(FloatVector.fromArray(F512, x, xo + 16), acc);
    }
}
