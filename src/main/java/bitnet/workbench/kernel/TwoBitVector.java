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
 * with shifts and masks and multiplied by the matching activations, which {@link I8Input}
 * reordered once per input. Products accumulate in 16-bit lanes and are widened to 32 bits before
 * they could overflow. The result is Σ code·q − Σ q = Σ weight·q, exactly the scalar kernel's
 * integer.
 *
 * <p>The shifts run on 32-bit lanes: byte-lane shifts are emulated and slow, and C2 has no
 * immediate form for 16-bit ones (it moves each count into a vector register). What a 32-bit
 * shift carries into a 16-bit lane from its neighbour lands above the two bits the mask keeps.
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

    // Kept small on purpose: C2 stops inlining at its node-count limit, and a vector passed to a
    // method that was not inlined is boxed (an allocation per call, 10-50x slower). One loop over
    // the eight codes, one widening site per method.

    /** Σ code·q over the vector part of an I2_S row (code 3, never written by the quantizer, counts as 1, i.e. weight 0). */
    static int i2sDot(MemorySegment d, long base, short[] a, int loads) {
        IntVector acc32 = IntVector.zero(SI);
        int c = 0;
        int ai = 0;
        while (c < loads) {
            int end = Math.min(loads, c + I2S_FLUSH);
            ShortVector acc = ShortVector.zero(S);
            for (; c < end; c++) {
                ShortVector w = ShortVector.fromMemorySegment(S, d, base + (long) c * LOAD_BYTES, LE);
                w = w.and(w.and((short) 0x5555).reinterpretAsInts().lanewise(VectorOperators.LSHL, 1).reinterpretAsShorts().not());
                for (int j = 0; j < 8; j++, ai += LANES) {
                    acc = acc.add(w.reinterpretAsInts().lanewise(VectorOperators.LSHR, 2 * j).reinterpretAsShorts().and((short) 3).mul(ShortVector.fromArray(S, a, ai)));
                }
            }
            IntVector v = acc.reinterpretAsInts();
            acc32 = acc32.add(v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).add(v.lanewise(VectorOperators.ASHR, 16));
        }
        return acc32.reduceLanes(VectorOperators.ADD);
    }

    /** Σ code·q over {@code blocks} whole TQ2_0 blocks from byte {@code base} (a whole row, or one block). */
    static int tq2Dot(MemorySegment d, long base, short[] a, int ai, int blocks) {
        int perBlock = 64 / LOAD_BYTES;
        int loads = blocks * perBlock;
        IntVector acc32 = IntVector.zero(SI);
        int c = 0;
        while (c < loads) {
            int end = Math.min(loads, c + TQ2_FLUSH);
            ShortVector acc = ShortVector.zero(S);
            for (; c < end; c++) {
                long at = base + (long) (c / perBlock) * Tq2Rows.BLOCK_BYTES + (long) (c % perBlock) * LOAD_BYTES;
                ShortVector w = ShortVector.fromMemorySegment(S, d, at, LE);
                for (int j = 0; j < 8; j++, ai += LANES) {
                    acc = acc.add(w.reinterpretAsInts().lanewise(VectorOperators.LSHR, 2 * j).reinterpretAsShorts().and((short) 3).mul(ShortVector.fromArray(S, a, ai)));
                }
            }
            IntVector v = acc.reinterpretAsInts();
            acc32 = acc32.add(v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).add(v.lanewise(VectorOperators.ASHR, 16));
        }
        return acc32.reduceLanes(VectorOperators.ADD);
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
            int sum = tq2Dot(d, base, in.codes, 0, blocks) - x.tokenSum();
            return (float) sum / x.tokenScale() * Float.float16ToFloat(first);
        }
        // Block by block, with the scalar kernel's arithmetic (TernaryBlocks) inlined to stay allocation-free.
        float total = 0f;
        int runSum = 0;
        float runScale = Float.NaN;
        int stride = 8 * LANES * (64 / LOAD_BYTES);
        for (int b = 0; b < blocks; b++) {
            long at = base + (long) b * Tq2Rows.BLOCK_BYTES;
            int blockSum = tq2Dot(d, at, in.codes, b * stride, 1) - in.blockSums[b];
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
