package bitnet.workbench.kernel;

import bitnet.workbench.tensor.LittleEndian;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * {@link Int8Head} rows times Q8_K-quantized activations: per block, three 64-byte loads whose
 * 16-bit lanes each give eight signed 6-bit values by shifts, 16-bit multiply-adds (a lane's eight products fit), one
 * widening that leaves each 32-bit lane holding one sub-block's sum, times the sub-block scales,
 * then d_w·d_a in float. Per-lane float partial sums; agrees with the integer-first formula to
 * float rounding.
 *
 * <p>The field extractions are written out, not helpers taking a vector: C2 boxes every vector
 * passed to a helper it did not inline (see {@link LutKernel}).
 */
final class Int8HeadRows {
    static final VectorSpecies<Short> S = ShortVector.SPECIES_512;
    static final VectorSpecies<Integer> SI = IntVector.SPECIES_512;
    static final VectorSpecies<Float> SF = FloatVector.SPECIES_512;
    static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    static final boolean AVAILABLE = ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final int STREAMS = 4;
    private static final ThreadLocal<float[]> PARTIAL = ThreadLocal.withInitial(() -> new float[STREAMS * SF.length()]);

    private Int8HeadRows() {
    }

    /** The head input prepared for {@link Int8Head}: Q8_K blocks, codes reordered to the head's byte order. */
    static final class Input {
        int cols = -1;
        short[] even = new short[0];
        short[] odd = new short[0];
        float[] steps = new float[0];

        static Input of(QuantizedActivations x, int cols) {
            Input in = x.derived instanceof Input p ? p : new Input();
            if (in.cols == cols && x.derivedVersion == x.version()) return in;
            in.fill(x.values(), cols);
            x.derived = in;
            x.derivedVersion = x.version();
            return in;
        }

        // ggml quantize_row_q8_K_ref, as QuantizedActivations does it for ternary inputs.
        private void fill(float[] v, int cols) {
            int blocks = cols / Int8Head.BLOCK;
            if (even.length < cols / 2) {
                even = new short[cols / 2];
                odd = new short[cols / 2];
            }
            if (steps.length < blocks) steps = new float[blocks];
            for (int b = 0; b < blocks; b++) {
                int base = b * Int8Head.BLOCK;
                float amax = 0f;
                float max = 0f;
                for (int j = 0; j < Int8Head.BLOCK; j++) {
                    float ax = Math.abs(v[base + j]);
                    if (ax > amax) {
                        amax = ax;
                        max = v[base + j];
                    }
                }
                float iscale = amax == 0f ? 0f : -127f / max;
                steps[b] = amax == 0f ? 0f : 1f / iscale;
                for (int t = 0; t < 4; t++) {
                    for (int i = 0; i < 32; i++) {
                        int o = b * 128 + t * 32 + i;
                        even[o] = code(v[base + Int8Head.value(t, 2 * i)], iscale);
                        odd[o] = code(v[base + Int8Head.value(t, 2 * i + 1)], iscale);
                    }
                }
            }
            this.cols = cols;
        }

        private static short code(float x, float iscale) {
            return iscale == 0f ? 0 : (short) Math.min(127, (int) Math.rint(iscale * x));
        }
    }

    /**
     * Rows {@code [rowStart, rowEnd)} in {@value #STREAMS} equal runs read side by side: several
     * sequential streams, which the hardware prefetcher follows at once, keep more of the head in
     * flight than one (one row after another streamed about 14 GB/s in the model). Four, not
     * eight: a scratch timing of the whole 2B4T head from memory, one thread, gave 22.7–22.9 GB/s
     * with four runs against 17.3–18.7 with eight (two: ~20; from cache both ~26), and alternating
     * `bench` builds decoded 22.75 → 24.87 tok/s (medians of five pairs, one thread; two threads
     * the same within the noise).
     */
    static void matVec(Int8Head h, Input in, float[] out, int rowStart, int rowEnd) {
        int run = (rowEnd - rowStart) / STREAMS;
        float[] partial = PARTIAL.get();
        for (int i = 0; i < run; i++) rows(h, in, rowStart + i, run, STREAMS, out, partial);
        for (int r = rowStart + STREAMS * run; r < rowEnd; r++) rows(h, in, r, 0, 1, out, partial);
    }

    /**
     * {@code out[first + k·step]} for {@code k < count}, block by block in lockstep. Each row's
     * float sums are formed in the same order whatever {@code count} is, so a row's result does
     * not depend on how rows were grouped.
     */
    private static void rows(Int8Head h, Input in, int first, int step, int count, float[] out, float[] partial) {
        MemorySegment d = h.data();
        short[] even = in.even;
        short[] odd = in.odd;
        java.util.Arrays.fill(partial, 0, count * SF.length(), 0f);
        for (int b = 0; b < h.blocks(); b++) {
            int ai = b * 128;
            float step8 = in.steps[b];
            ShortVector e0 = ShortVector.fromArray(S, even, ai), o0 = ShortVector.fromArray(S, odd, ai);
            ShortVector e1 = ShortVector.fromArray(S, even, ai + 32), o1 = ShortVector.fromArray(S, odd, ai + 32);
            ShortVector e2 = ShortVector.fromArray(S, even, ai + 64), o2 = ShortVector.fromArray(S, odd, ai + 64);
            ShortVector e3 = ShortVector.fromArray(S, even, ai + 96), o3 = ShortVector.fromArray(S, odd, ai + 96);
            for (int k = 0; k < count; k++) {
                long at = (long) (first + k * step) * h.rowBytes() + (long) b * Int8Head.BLOCK_BYTES;
                ShortVector pa = ShortVector.fromMemorySegment(S, d, at + Int8Head.PLANE_A, LE);
                ShortVector pb = ShortVector.fromMemorySegment(S, d, at + Int8Head.PLANE_B, LE);
                ShortVector pc = ShortVector.fromMemorySegment(S, d, at + Int8Head.PLANE_C, LE);
                // The signed 6-bit fields: bits 10–15 of a lane (one shift) and bits 4–9 (two).
                ShortVector s16 = pa.lanewise(VectorOperators.ASHR, 10).mul(e0)
                    .add(pa.lanewise(VectorOperators.LSHL, 6).lanewise(VectorOperators.ASHR, 10).mul(o0))
                    .add(pb.lanewise(VectorOperators.ASHR, 10).mul(e1))
                    .add(pb.lanewise(VectorOperators.LSHL, 6).lanewise(VectorOperators.ASHR, 10).mul(o1))
                    .add(pc.lanewise(VectorOperators.ASHR, 10).mul(e2))
                    .add(pc.lanewise(VectorOperators.LSHL, 6).lanewise(VectorOperators.ASHR, 10).mul(o2));
                ShortVector v6 = pc.lanewise(VectorOperators.LSHL, 14).lanewise(VectorOperators.ASHR, 10)
                    .or(pa.and((short) 0xF));
                ShortVector v7 = pc.lanewise(VectorOperators.LSHL, 12).lanewise(VectorOperators.ASHR, 10).and((short) 0xFFF0)
                    .or(pb.and((short) 0xF));
                s16 = s16.add(v6.mul(e3)).add(v7.mul(o3));
                IntVector pairs = s16.reinterpretAsInts();
                IntVector sub = pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).add(pairs.lanewise(VectorOperators.ASHR, 16));
                IntVector scales = (IntVector) ByteVector.fromMemorySegment(B128, d, at + Int8Head.SCALES, LE).convertShape(VectorOperators.B2I, SI, 0);
                FloatVector isum = (FloatVector) sub.mul(scales).convert(VectorOperators.I2F, 0);
                float scale = d.get(LittleEndian.FLOAT, at + Int8Head.D) * step8;
                int pi = k * SF.length();
                isum.fma(FloatVector.broadcast(SF, scale), FloatVector.fromArray(SF, partial, pi)).intoArray(partial, pi);
            }
        }
        for (int k = 0; k < count; k++) out[first + k * step] = FloatVector.fromArray(SF, partial, k * SF.length()).reduceLanes(VectorOperators.ADD);
    }
}
