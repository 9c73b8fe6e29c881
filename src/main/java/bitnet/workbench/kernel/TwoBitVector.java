package bitnet.workbench.kernel;

import bitnet.workbench.tensor.LittleEndian;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * I2_S and TQ2_0 rows times int8 activations with the Vector API, reading the file's own layout.
 * Each load of weight bytes is taken as 16-bit lanes; the eight 2-bit codes of a lane are cut out
 * with 16-bit shifts and masks (byte-lane shifts are emulated and slow) and multiplied by the
 * matching activations, which {@link I8Input} reordered once per input. Products accumulate in
 * 16-bit lanes and are widened to 32 bits before they could overflow. The result is
 * Σ code·q − Σ q = Σ weight·q, exactly the scalar kernel's integer.
 */
final class TwoBitVector {
    static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED.vectorBitSize() > 512
        ? ShortVector.SPECIES_512 : ShortVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> SI = IntVector.SPECIES_PREFERRED.vectorBitSize() > 512
        ? IntVector.SPECIES_512 : IntVector.SPECIES_PREFERRED;
    static final int LANES = S.length();
    static final int LOAD_BYTES = 2 * LANES;
    /** The vector path needs a load of at least one I2_S block (32 bytes). */
    static final boolean AVAILABLE = LOAD_BYTES >= 32;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Loads between widenings: 8 products of at most 2·128 (I2_S after the code-3 fix) or 3·128 (TQ2_0) per load. */
    private static final int I2S_FLUSH = 15;
    private static final int TQ2_FLUSH = 10;

    private TwoBitVector() {
    }

    /** Sign-extends the two 16-bit halves of each 32-bit lane and adds them. */
    private static IntVector widen(ShortVector acc) {
        IntVector v = acc.reinterpretAsInts();
        return v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).add(v.lanewise(VectorOperators.ASHR, 16));
    }

    /** Σ code·q over the vector part of an I2_S row (code 3, never written by the quantizer, counts as 1, i.e. weight 0). */
    static int i2sDot(MemorySegment d, long base, short[] a, int loads) {
        ShortVector acc = ShortVector.zero(S);
        IntVector acc32 = IntVector.zero(SI);
        int ai = 0;
        int untilFlush = I2S_FLUSH;
        for (int c = 0; c < loads; c++) {
            ShortVector w = ShortVector.fromMemorySegment(S, d, base + (long) c * LOAD_BYTES, LE);
            w = w.lanewise(VectorOperators.AND_NOT, w.and((short) 0x5555).lanewise(VectorOperators.LSHL, 1));
            acc = accumulate(acc, w, a, ai);
            ai += 8 * LANES;
            if (--untilFlush == 0) {
                acc32 = acc32.add(widen(acc));
                acc = ShortVector.zero(S);
                untilFlush = I2S_FLUSH;
            }
        }
        return acc32.add(widen(acc)).reduceLanes(VectorOperators.ADD);
    }

    private static ShortVector accumulate(ShortVector acc, ShortVector w, short[] a, int ai) {
        acc = acc.add(w.and((short) 3).mul(ShortVector.fromArray(S, a, ai)));
        acc = acc.add(w.lanewise(VectorOperators.LSHR, 2).and((short) 3).mul(ShortVector.fromArray(S, a, ai + LANES)));
        acc = acc.add(w.lanewise(VectorOperators.LSHR, 4).and((short) 3).mul(ShortVector.fromArray(S, a, ai + 2 * LANES)));
        acc = acc.add(w.lanewise(VectorOperators.LSHR, 6).and((short) 3).mul(ShortVector.fromArray(S, a, ai + 3 * LANES)));
        acc = acc.add(w.lanewise(VectorOperators.LSHR, 8).and((short) 3).mul(ShortVector.fromArray(S, a, ai + 4 * LANES)));
        acc = acc.add(w.lanewise(VectorOperators.LSHR, 10).and((short) 3).mul(ShortVector.fromArray(S, a, ai + 5 * LANES)));
        acc = acc.add(w.lanewise(VectorOperators.LSHR, 12).and((short) 3).mul(ShortVector.fromArray(S, a, ai + 6 * LANES)));
        return acc.add(w.lanewise(VectorOperators.LSHR, 14).mul(ShortVector.fromArray(S, a, ai + 7 * LANES)));
    }

    /** Σ code·q over a whole TQ2_0 row (for rows whose blocks share one scale). */
    static int tq2Dot(MemorySegment d, long base, short[] a, int blocks) {
        int perBlock = 64 / LOAD_BYTES;
        ShortVector acc = ShortVector.zero(S);
        IntVector acc32 = IntVector.zero(SI);
        int ai = 0;
        int untilFlush = TQ2_FLUSH;
        for (int b = 0; b < blocks; b++) {
            long at = base + (long) b * Tq2Rows.BLOCK_BYTES;
            for (int c = 0; c < perBlock; c++) {
                ShortVector w = ShortVector.fromMemorySegment(S, d, at + (long) c * LOAD_BYTES, LE);
                acc = accumulate(acc, w, a, ai);
                ai += 8 * LANES;
                if (--untilFlush == 0) {
                    acc32 = acc32.add(widen(acc));
                    acc = ShortVector.zero(S);
                    untilFlush = TQ2_FLUSH;
                }
            }
        }
        return acc32.add(widen(acc)).reduceLanes(VectorOperators.ADD);
    }

    /** Σ code·q over one TQ2_0 block. */
    static int tq2BlockDot(MemorySegment d, long at, short[] a, int ai) {
        ShortVector acc = ShortVector.zero(S);
        for (int c = 0; c < 64 / LOAD_BYTES; c++) {
            ShortVector w = ShortVector.fromMemorySegment(S, d, at + (long) c * LOAD_BYTES, LE);
            acc = accumulate(acc, w, a, ai + c * 8 * LANES);
        }
        return widen(acc).reduceLanes(VectorOperators.ADD);
    }

    static float i2sRow(WeightMatrix w, int r, QuantizedActivations x, I8Input in) {
        MemorySegment d = w.data();
        long base = r * w.rowBytes();
        TwoBitLayout layout = in.layout;
        int sum = i2sDot(d, base, in.codes, layout.loads()) - in.vectorSum;
        int blocks = w.cols() / I2sRows.BLOCK;
        for (int b = blocks - layout.tailBlocks(); b < blocks; b++) {
            sum += I2sRows.blockDot(d, base + (long) b * I2sRows.BLOCK_BYTES, x.codes(), b * I2sRows.BLOCK);
        }
        return (float) sum / x.tokenScale() * w.tensorScale();
    }

    static float tq2Row(WeightMatrix w, int r, QuantizedActivations x, I8Input in) {
        MemorySegment d = w.data();
        long base = r * w.rowBytes();
        int blocks = w.cols() / Tq2Rows.BLOCK;
        short first = d.get(LittleEndian.SHORT, base + 64);
        boolean uniform = true;
        for (int b = 1; b < blocks && uniform; b++) uniform = d.get(LittleEndian.SHORT, base + (long) b * Tq2Rows.BLOCK_BYTES + 64) == first;
        if (uniform && x.rule() == ActivationQuantization.PER_TOKEN && !Float.isNaN(Float.float16ToFloat(first))) {
            // One run of equal scales: the scalar kernel's (float)Σ / s · d.
            int sum = tq2Dot(d, base, in.codes, blocks) - x.tokenSum();
            return (float) sum / x.tokenScale() * Float.float16ToFloat(first);
        }
        // Block by block, with the scalar kernel's arithmetic (TernaryBlocks) inlined to stay allocation-free.
        float total = 0f;
        int runSum = 0;
        float runScale = Float.NaN;
        int stride = 8 * LANES * (64 / LOAD_BYTES);
        for (int b = 0; b < blocks; b++) {
            long at = base + (long) b * Tq2Rows.BLOCK_BYTES;
            int blockSum = tq2BlockDot(d, at, in.codes, b * stride) - in.blockSums[b];
            float scale = Tq2Rows.blockScale(d, at);
            switch (x.rule()) {
                case Q8K_BLOCKS -> total += (float) blockSum * (x.blockStep(b) * scale);
                case PER_TOKEN -> {
                    if (scale != runScale) {
                        if (!Float.isNaN(runScale)) total += (float) runSum / x.tokenScale() * runScale;
                        runSum = 0;
                        runScale = scale;
                    }
                    runSum += blockSum;
                }
            }
        }
        if (x.rule() == ActivationQuantization.PER_TOKEN && !Float.isNaN(runScale)) total += (float) runSum / x.tokenScale() * runScale;
        return total;
    }
}
