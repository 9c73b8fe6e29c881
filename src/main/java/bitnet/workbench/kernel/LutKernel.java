package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * {@code vector-lut}: ternary products by table lookup on weights repacked at load
 * ({@link LutMatrix}). Per 64-byte load (32 rows × 9 columns): three {@code selectFrom} lookups
 * (one {@code vpermw} each) into the input's 32-entry tables, two shifts, three 16-bit adds — about
 * four times fewer instructions per weight than multiplying. Lanes are rows, so there is no
 * horizontal sum; 16-bit sums are widened every {@value #FLUSH} chunks, before they could overflow
 * (3 lookups of at most 384 per chunk). Integer results equal the scalar kernel's.
 *
 * <p>Needs 32 short lanes (512-bit vectors) and per-token activations; matrices that were not
 * repacked, other activation rules, narrower vectors and float matrices go to {@code vector-i8}.
 */
public final class LutKernel implements MatVecKernel {
    public static final String NAME = "vector-lut";
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> SI = IntVector.SPECIES_512;
    /** Whether this JVM compiles 512-bit vectors (FACTS: forcing them on 256-bit hardware is 10–70× slower). */
    static final boolean AVAILABLE = ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    private static final int FLUSH = 28;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ThreadLocal<int[]> SUMS = ThreadLocal.withInitial(() -> new int[4 * LutMatrix.GROUP_ROWS]);

    private final VectorI8Kernel fallback = new VectorI8Kernel();

    @Override
    public String name() { return NAME; }

    @Override
    public boolean supports(GgmlType type) {
        return fallback.supports(type);
    }

    /** The model repacks its ternary matrices ({@link LutMatrix#pack}) when this kernel is chosen. */
    @Override
    public boolean repacksTernary() {
        return AVAILABLE;
    }

    private static boolean lut(WeightMatrix w, QuantizedActivations x) {
        return AVAILABLE && w.lut() != null && x.rule() == ActivationQuantization.PER_TOKEN;
    }

    @Override
    public int rowGranule(WeightMatrix w) {
        return w.lut() != null ? LutMatrix.GROUP_ROWS : fallback.rowGranule(w);
    }

    @Override
    public void prepare(WeightMatrix w, QuantizedActivations x) {
        if (lut(w, x)) LutTables.of(x, w.cols());
        else fallback.prepare(w, x);
    }

    @Override
    public void matVec(WeightMatrix w, QuantizedActivations x, float[] out, int rowStart, int rowEnd) {
        if (!lut(w, x)) {
            fallback.matVec(w, x, out, rowStart, rowEnd);
            return;
        }
        MatVecKernel.checkArguments(this, w, x, out, rowStart, rowEnd);
        LutMatrix m = w.lut();
        short[] tab = LutTables.of(x, w.cols()).tables;
        int[] sums = SUMS.get();
        for (int g = rowStart / LutMatrix.GROUP_ROWS; g * LutMatrix.GROUP_ROWS < rowEnd; g++) {
            group1(m.words(), (long) g * m.chunks() * LutMatrix.CHUNK_BYTES, tab, m.chunks(), sums);
            finish(m, x, sums, 0, g, out, rowStart, rowEnd);
        }
    }

    @Override
    public void matMul(WeightMatrix w, QuantizedActivations[] xs, float[][] outs, int count, int rowStart, int rowEnd) {
        boolean all = true;
        for (int i = 0; i < count && all; i++) all = lut(w, xs[i]);
        if (!all) {
            fallback.matMul(w, xs, outs, count, rowStart, rowEnd);
            return;
        }
        LutMatrix m = w.lut();
        int[] sums = SUMS.get();
        int i = 0;
        for (; i + 4 <= count; i += 4) {
            for (int k = 0; k < 4; k++) MatVecKernel.checkArguments(this, w, xs[i + k], outs[i + k], rowStart, rowEnd);
            short[] t0 = LutTables.of(xs[i], w.cols()).tables;
            short[] t1 = LutTables.of(xs[i + 1], w.cols()).tables;
            short[] t2 = LutTables.of(xs[i + 2], w.cols()).tables;
            short[] t3 = LutTables.of(xs[i + 3], w.cols()).tables;
            for (int g = rowStart / LutMatrix.GROUP_ROWS; g * LutMatrix.GROUP_ROWS < rowEnd; g++) {
                group4(m.words(), (long) g * m.chunks() * LutMatrix.CHUNK_BYTES, t0, t1, t2, t3, m.chunks(), sums);
                for (int k = 0; k < 4; k++) finish(m, xs[i + k], sums, k, g, outs[i + k], rowStart, rowEnd);
            }
        }
        for (; i < count; i++) matVec(w, xs[i], outs[i], rowStart, rowEnd);
    }

    private static void finish(LutMatrix m, QuantizedActivations x, int[] sums, int slot, int g, float[] out, int rowStart, int rowEnd) {
        int first = Math.max(rowStart, g * LutMatrix.GROUP_ROWS);
        int last = Math.min(rowEnd, (g + 1) * LutMatrix.GROUP_ROWS);
        float s = x.tokenScale();
        float[] scales = m.rowScales();
        for (int r = first; r < last; r++) out[r] = (float) sums[slot * LutMatrix.GROUP_ROWS + r - g * LutMatrix.GROUP_ROWS] / s * scales[r];
    }

    private static ShortVector lookup(ShortVector acc, ShortVector w, ShortVector t0, ShortVector t1, ShortVector t2) {
        return acc.add(w.selectFrom(t0))
            .add(w.lanewise(VectorOperators.LSHR, 5).selectFrom(t1))
            .add(w.lanewise(VectorOperators.LSHR, 10).selectFrom(t2));
    }

    /** Adds the 32 16-bit lanes of {@code acc} to {@code sums[at .. at+32)}. */
    private static void spill(ShortVector acc, int[] sums, int at) {
        IntVector lo = (IntVector) acc.convertShape(VectorOperators.S2I, SI, 0);
        IntVector hi = (IntVector) acc.convertShape(VectorOperators.S2I, SI, 1);
        IntVector.fromArray(SI, sums, at).add(lo).intoArray(sums, at);
        IntVector.fromArray(SI, sums, at + 16).add(hi).intoArray(sums, at + 16);
    }

    /** Σ w·q of the 64 rows of one group, into {@code sums[0..64)}. */
    static void group1(MemorySegment words, long at, short[] tab, int chunks, int[] sums) {
        java.util.Arrays.fill(sums, 0, LutMatrix.GROUP_ROWS, 0);
        int ch = 0;
        int ti = 0;
        while (ch < chunks) {
            int end = Math.min(chunks, ch + FLUSH);
            ShortVector a0 = ShortVector.zero(S);
            ShortVector a1 = ShortVector.zero(S);
            for (; ch < end; ch++) {
                ShortVector w0 = ShortVector.fromMemorySegment(S, words, at, LE);
                ShortVector w1 = ShortVector.fromMemorySegment(S, words, at + 64, LE);
                at += LutMatrix.CHUNK_BYTES;
                ShortVector t0 = ShortVector.fromArray(S, tab, ti);
                ShortVector t1 = ShortVector.fromArray(S, tab, ti + 32);
                ShortVector t2 = ShortVector.fromArray(S, tab, ti + 64);
                ti += 96;
                a0 = lookup(a0, w0, t0, t1, t2);
                a1 = lookup(a1, w1, t0, t1, t2);
            }
            spill(a0, sums, 0);
            spill(a1, sums, 32);
        }
    }

    /** {@link #group1} for four inputs at once: each weight load feeds all four. Sums at {@code 64·k}. */
    static void group4(MemorySegment words, long at, short[] p, short[] q, short[] r, short[] u, int chunks, int[] sums) {
        java.util.Arrays.fill(sums, 0, 4 * LutMatrix.GROUP_ROWS, 0);
        int ch = 0;
        int ti = 0;
        while (ch < chunks) {
            int end = Math.min(chunks, ch + FLUSH);
            ShortVector p0 = ShortVector.zero(S), p1 = ShortVector.zero(S);
            ShortVector q0 = ShortVector.zero(S), q1 = ShortVector.zero(S);
            ShortVector r0 = ShortVector.zero(S), r1 = ShortVector.zero(S);
            ShortVector u0 = ShortVector.zero(S), u1 = ShortVector.zero(S);
            for (; ch < end; ch++) {
                ShortVector w0 = ShortVector.fromMemorySegment(S, words, at, LE);
                ShortVector w1 = ShortVector.fromMemorySegment(S, words, at + 64, LE);
                at += LutMatrix.CHUNK_BYTES;
                ShortVector w0b = w0.lanewise(VectorOperators.LSHR, 5);
                ShortVector w0c = w0.lanewise(VectorOperators.LSHR, 10);
                ShortVector w1b = w1.lanewise(VectorOperators.LSHR, 5);
                ShortVector w1c = w1.lanewise(VectorOperators.LSHR, 10);
                ShortVector t0 = ShortVector.fromArray(S, p, ti), t1 = ShortVector.fromArray(S, p, ti + 32), t2 = ShortVector.fromArray(S, p, ti + 64);
                p0 = p0.add(w0.selectFrom(t0)).add(w0b.selectFrom(t1)).add(w0c.selectFrom(t2));
                p1 = p1.add(w1.selectFrom(t0)).add(w1b.selectFrom(t1)).add(w1c.selectFrom(t2));
                t0 = ShortVector.fromArray(S, q, ti); t1 = ShortVector.fromArray(S, q, ti + 32); t2 = ShortVector.fromArray(S, q, ti + 64);
                q0 = q0.add(w0.selectFrom(t0)).add(w0b.selectFrom(t1)).add(w0c.selectFrom(t2));
                q1 = q1.add(w1.selectFrom(t0)).add(w1b.selectFrom(t1)).add(w1c.selectFrom(t2));
                t0 = ShortVector.fromArray(S, r, ti); t1 = ShortVector.fromArray(S, r, ti + 32); t2 = ShortVector.fromArray(S, r, ti + 64);
                r0 = r0.add(w0.selectFrom(t0)).add(w0b.selectFrom(t1)).add(w0c.selectFrom(t2));
                r1 = r1.add(w1.selectFrom(t0)).add(w1b.selectFrom(t1)).add(w1c.selectFrom(t2));
                t0 = ShortVector.fromArray(S, u, ti); t1 = ShortVector.fromArray(S, u, ti + 32); t2 = ShortVector.fromArray(S, u, ti + 64);
                u0 = u0.add(w0.selectFrom(t0)).add(w0b.selectFrom(t1)).add(w0c.selectFrom(t2));
                u1 = u1.add(w1.selectFrom(t0)).add(w1b.selectFrom(t1)).add(w1c.selectFrom(t2));
                ti += 96;
            }
            spill(p0, sums, 0);
            spill(p1, sums, 32);
            spill(q0, sums, 64);
            spill(q1, sums, 96);
            spill(r0, sums, 128);
            spill(r1, sums, 160);
            spill(u0, sums, 192);
            spill(u1, sums, 224);
        }
    }
}
