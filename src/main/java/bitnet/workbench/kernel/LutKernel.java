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
 * four times fewer instructions per weight than multiplying; the tables are loaded once per four
 * such loads. Lanes are rows, so there is no
 * horizontal sum; prompts go two inputs per pass over the weights. 16-bit sums are widened every {@value #FLUSH} chunks, before they could overflow
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
    private static final ThreadLocal<int[]> SUMS = ThreadLocal.withInitial(() -> new int[2 * LutMatrix.GROUP_ROWS]);
    private static final ThreadLocal<short[]> LANES = ThreadLocal.withInitial(() -> new short[4 * 32]);

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
        short[] lanes = LANES.get();
        for (int g = rowStart / LutMatrix.GROUP_ROWS; g * LutMatrix.GROUP_ROWS < rowEnd; g++) {
            group1(m.words(), (long) g * m.chunks() * LutMatrix.CHUNK_BYTES, tab, m.chunks(), sums, lanes);
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
        short[] lanes = LANES.get();
        int i = 0;
        for (; i + 2 <= count; i += 2) {
            for (int k = 0; k < 2; k++) MatVecKernel.checkArguments(this, w, xs[i + k], outs[i + k], rowStart, rowEnd);
            short[] t0 = LutTables.of(xs[i], w.cols()).tables;
            short[] t1 = LutTables.of(xs[i + 1], w.cols()).tables;
            for (int g = rowStart / LutMatrix.GROUP_ROWS; g * LutMatrix.GROUP_ROWS < rowEnd; g++) {
                long at = (long) g * m.chunks() * LutMatrix.CHUNK_BYTES;
                java.util.Arrays.fill(sums, 0, 2 * LutMatrix.GROUP_ROWS, 0);
                for (int tile = 0; tile < LutMatrix.TILES; tile += 2) group2(m.words(), at, tile, t0, t1, m.chunks(), sums, lanes);
                for (int k = 0; k < 2; k++) finish(m, xs[i + k], sums, k, g, outs[i + k], rowStart, rowEnd);
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

    /** Σ w·q of the 128 rows of one group, into {@code sums[0..128)}. */
    static void group1(MemorySegment words, long at, short[] tab, int chunks, int[] sums, short[] lanes) {
        java.util.Arrays.fill(sums, 0, LutMatrix.GROUP_ROWS, 0);
        int ch = 0;
        int ti = 0;
        while (ch < chunks) {
            int end = Math.min(chunks, ch + FLUSH);
            ShortVector a0 = ShortVector.zero(S);
            ShortVector a1 = ShortVector.zero(S);
            ShortVector a2 = ShortVector.zero(S);
            ShortVector a3 = ShortVector.zero(S);
            for (; ch < end; ch++) {
                ShortVector t0 = ShortVector.fromArray(S, tab, ti);
                ShortVector t1 = ShortVector.fromArray(S, tab, ti + 32);
                ShortVector t2 = ShortVector.fromArray(S, tab, ti + 64);
                ti += 96;
                a0 = lookup(a0, ShortVector.fromMemorySegment(S, words, at, LE), t0, t1, t2);
                a1 = lookup(a1, ShortVector.fromMemorySegment(S, words, at + 64, LE), t0, t1, t2);
                a2 = lookup(a2, ShortVector.fromMemorySegment(S, words, at + 128, LE), t0, t1, t2);
                a3 = lookup(a3, ShortVector.fromMemorySegment(S, words, at + 192, LE), t0, t1, t2);
                at += LutMatrix.CHUNK_BYTES;
            }
            a0.intoArray(lanes, 0);
            a1.intoArray(lanes, 32);
            a2.intoArray(lanes, 64);
            a3.intoArray(lanes, 96);
            for (int i = 0; i < LutMatrix.GROUP_ROWS; i++) sums[i] += lanes[i];
        }
    }

    /**
     * Two inputs at once over two adjacent tiles ({@code firstTile}, {@code firstTile + 1}) of one
     * group: each weight load and index shift feeds both inputs. Adds into {@code sums[128·k + row]},
     * which the caller zeroes. (All four tiles for two inputs at once, or four inputs per pass, need
     * more live vectors than C2 keeps in registers: it boxed them, allocating on every call.)
     */
    static void group2(MemorySegment words, long at, int firstTile, short[] p, short[] q, int chunks, int[] sums, short[] lanes) {
        at += (long) firstTile * LutMatrix.TILE_BYTES;
        int ch = 0;
        int ti = 0;
        while (ch < chunks) {
            int end = Math.min(chunks, ch + FLUSH);
            ShortVector p0 = ShortVector.zero(S), p1 = ShortVector.zero(S);
            ShortVector q0 = ShortVector.zero(S), q1 = ShortVector.zero(S);
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
                t0 = ShortVector.fromArray(S, q, ti);
                t1 = ShortVector.fromArray(S, q, ti + 32);
                t2 = ShortVector.fromArray(S, q, ti + 64);
                q0 = q0.add(w0.selectFrom(t0)).add(w0b.selectFrom(t1)).add(w0c.selectFrom(t2));
                q1 = q1.add(w1.selectFrom(t0)).add(w1b.selectFrom(t1)).add(w1c.selectFrom(t2));
                ti += 96;
            }
            p0.intoArray(lanes, 0);
            p1.intoArray(lanes, 32);
            q0.intoArray(lanes, 64);
            q1.intoArray(lanes, 96);
            int row = firstTile * LutMatrix.TILE_ROWS;
            for (int i = 0; i < 64; i++) {
                sums[row + i] += lanes[i];
                sums[LutMatrix.GROUP_ROWS + row + i] += lanes[64 + i];
            }
        }
    }
}
