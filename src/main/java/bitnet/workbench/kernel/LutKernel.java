package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * {@code vector-lut}: ternary products by table lookup on weights repacked at load
 * ({@link LutMatrix}). Per 64-byte load (32 rows × 9 columns): three {@code selectFrom} lookups
 * (one {@code vpermw} each) into the input's 32-entry tables, two shifts, three 16-bit adds — about
 * four times fewer instructions per weight than multiplying. A product reads eight tiles side by
 * side, eight sequential streams the hardware prefetcher follows at once, and loads the tables
 * once for the eight. Lanes are rows, so there is no horizontal sum; prompts go four inputs per
 * pass over the weights. 16-bit sums are widened every {@value #FLUSH} chunks, before they could
 * overflow (3 lookups of at most 384 per chunk). Integer results equal the scalar kernel's.
 *
 * <p>The index shifts are done on 32-bit lanes ({@code reinterpretAsInts()}): C2 has no immediate
 * form for 16-bit vector shifts and moved each count into a vector register first (a {@code vmovd}
 * per shift, seen in the generated code), while 32-bit shifts take it as an immediate. The bits a
 * 32-bit shift moves into a 16-bit lane land above its low five, which {@code selectFrom} discards
 * (it wraps indices to the 32 lanes). From cache, one thread: 28.4–29.4 → 32.3–33.6 GB/s
 * (2560×2560, the decode loop); from memory 17.3–19.1 → 18.8–19.4.
 *
 * <p>The loops are written out: no method here takes or returns a vector. C2 inlines such a
 * helper only while it judges it small, and not once it has compiled the helper on its own and
 * found it big, which depends on what ran first; where it did not inline one it boxed every vector
 * (40 % of the speed, and a product allocating: one of five full test runs here failed the allocation
 * test, and telling C2 not to inline the load helper reproduced that failure).
 *
 * <p>Needs 32 short lanes (512-bit vectors) and per-token activations; matrices that were not
 * repacked, other activation rules, narrower vectors and float matrices go to {@code vector-i8}.
 */
public final class LutKernel implements MatVecKernel {
    public static final String NAME = "vector-lut";
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_512;
    private static final VectorSpecies<Short> S16 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> SI = IntVector.SPECIES_512;
    private static final VectorSpecies<Float> SF = FloatVector.SPECIES_512;
    /** Whether this JVM compiles 512-bit vectors (FACTS: forcing them on 256-bit hardware is 10–70× slower). */
    static final boolean AVAILABLE = ShortVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    private static final int FLUSH = 28;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Per-thread row sums, followed by {@link #deinterleave}'s 32-int block. */
    private static final ThreadLocal<int[]> SUMS = ThreadLocal.withInitial(() -> new int[LutMatrix.GROUP_ROWS + LutMatrix.TILE_ROWS]);
    private static final ThreadLocal<short[]> LANES = ThreadLocal.withInitial(() -> new short[LutMatrix.GROUP_ROWS]);

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

    /**
     * Nothing for a single product: each thread builds its own copy of the input's tables in
     * {@link #matVec} ({@link LutTables#ofThisThread}), at the same time, instead of the calling
     * thread building them while the others wait and the others then reading 55–147 KB that another
     * core has just written. Alternating 2-thread decodes here, eight pairs: 34.9 against 32.0 tok/s
     * (medians), p50 latency 27.9 against 30.4 ms.
     */
    @Override
    public void prepare(WeightMatrix w, QuantizedActivations x) {
        if (!lut(w, x)) fallback.prepare(w, x);
    }

    /** A batch's tables are built once, each input's by one thread, and read by all: 32 inputs' copies per thread would not fit in cache. */
    @Override
    public void prepareForBatch(WeightMatrix w, QuantizedActivations x) {
        if (lut(w, x)) LutTables.of(x, w.cols());
        else fallback.prepareForBatch(w, x);
    }

    @Override
    public void matVec(WeightMatrix w, QuantizedActivations x, float[] out, int rowStart, int rowEnd) {
        if (!lut(w, x)) {
            fallback.matVec(w, x, out, rowStart, rowEnd);
            return;
        }
        MatVecKernel.checkArguments(this, w, x, out, rowStart, rowEnd);
        rows(w.lut(), x, LutTables.ofThisThread(x, w.cols()).tables, out, rowStart, rowEnd);
    }

    /** Rows {@code [rowStart, rowEnd)} of {@code m · x}, with {@code x}'s tables {@code tab}. */
    private static void rows(LutMatrix m, QuantizedActivations x, short[] tab, float[] out, int rowStart, int rowEnd) {
        int[] sums = SUMS.get();
        short[] lanes = LANES.get();
        int end = (rowEnd + LutMatrix.TILE_ROWS - 1) / LutMatrix.TILE_ROWS;
        for (int tile = rowStart / LutMatrix.TILE_ROWS; tile < end; ) {
            int n = end - tile >= 8 ? 8 : end - tile >= 4 ? 4 : 1;
            long at = tile * m.tileBytes();
            if (n == 8) tiles8(m.words(), at, m.tileBytes(), tab, m.chunks(), sums, lanes);
            else if (n == 4) tiles4(m.words(), at, m.tileBytes(), tab, m.chunks(), sums, lanes);
            else tiles1(m.words(), at, tab, m.chunks(), sums, 0, lanes);
            finish(m, x, sums, 0, tile, n, out, rowStart, rowEnd);
            tile += n;
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
        int end = (rowEnd + LutMatrix.TILE_ROWS - 1) / LutMatrix.TILE_ROWS;
        int pair = 2 * LutMatrix.TILE_ROWS;
        for (int i = 0; i < count; i += 4) {
            int k = Math.min(4, count - i);
            if (k == 1) {
                // the batch's shared tables are ready: no copy for this thread
                MatVecKernel.checkArguments(this, w, xs[i], outs[i], rowStart, rowEnd);
                rows(m, xs[i], LutTables.of(xs[i], w.cols()).tables, outs[i], rowStart, rowEnd);
                break;
            }
            for (int j = 0; j < k; j++) MatVecKernel.checkArguments(this, w, xs[i + j], outs[i + j], rowStart, rowEnd);
            // two or three inputs fill the pass by repeating the last one, whose extra sums go unused
            short[] t0 = LutTables.of(xs[i], w.cols()).tables;
            short[] t1 = LutTables.of(xs[i + 1], w.cols()).tables;
            short[] t2 = LutTables.of(xs[i + Math.min(2, k - 1)], w.cols()).tables;
            short[] t3 = LutTables.of(xs[i + k - 1], w.cols()).tables;
            for (int tile = rowStart / LutMatrix.TILE_ROWS; tile < end; ) {
                int n = end - tile >= 2 ? 2 : 1;
                long at = tile * m.tileBytes();
                if (n == 2) {
                    java.util.Arrays.fill(sums, 0, 4 * pair, 0);
                    inputs4(m.words(), at, m.tileBytes(), t0, t1, t2, t3, m.chunks(), sums);
                } else {
                    tiles1(m.words(), at, t0, m.chunks(), sums, 0, lanes);
                    tiles1(m.words(), at, t1, m.chunks(), sums, pair, lanes);
                    tiles1(m.words(), at, t2, m.chunks(), sums, 2 * pair, lanes);
                    tiles1(m.words(), at, t3, m.chunks(), sums, 3 * pair, lanes);
                }
                for (int j = 0; j < k; j++) finish(m, xs[i + j], sums, j * pair, tile, n, outs[i + j], rowStart, rowEnd);
                tile += n;
            }
        }
    }

    /**
     * Rows of tiles {@code tile .. tile+n} within {@code [rowStart, rowEnd)} from
     * {@code sums[slot + row − first row]}: {@code (float) sum / s · scale}, the scalar kernel's
     * arithmetic, sixteen rows at a time (a division per row, one at a time, was ~5 % of a
     * prompt's products).
     */
    private static void finish(LutMatrix m, QuantizedActivations x, int[] sums, int slot, int tile, int n, float[] out, int rowStart, int rowEnd) {
        int base = tile * LutMatrix.TILE_ROWS;
        int first = Math.max(rowStart, base);
        int last = Math.min(Math.min(rowEnd, m.rows()), base + n * LutMatrix.TILE_ROWS);
        float s = x.tokenScale();
        float[] scales = m.rowScales();
        for (int r = first; r < last; r += SF.length()) {
            VectorMask<Float> in = SF.indexInRange(r, last);
            IntVector.fromArray(SI, sums, slot + r - base, in.cast(SI))
                .convert(VectorOperators.I2F, 0).reinterpretAsFloats()
                .div(s)
                .mul(FloatVector.fromArray(SF, scales, r, in))
                .intoArray(out, r, in);
        }
    }

    /**
     * Adds the 16-bit {@code lanes[0..n)} to {@code sums[slot..slot+n)}, sixteen at a time
     * (one by one, this took a quarter of a prompt's lookup time).
     */
    private static void addLanes(short[] lanes, int[] sums, int slot, int n) {
        for (int j = 0; j < n; j += 16) {
            IntVector wide = (IntVector) ShortVector.fromArray(S16, lanes, j).convertShape(VectorOperators.S2I, SI, 0);
            IntVector.fromArray(SI, sums, slot + j).add(wide).intoArray(sums, slot + j);
        }
    }

    /**
     * Σ w·q of the 256 rows of the eight tiles whose streams start at {@code at}, {@code at + tb}, …,
     * into {@code sums[0..256)}.
     */
    static void tiles8(MemorySegment words, long at, long tb, short[] tab, int chunks, int[] sums, short[] lanes) {
        java.util.Arrays.fill(sums, 0, 8 * LutMatrix.TILE_ROWS, 0);
        int ch = 0;
        int ti = 0;
        while (ch < chunks) {
            int end = Math.min(chunks, ch + FLUSH);
            ShortVector a0 = ShortVector.zero(S), a1 = ShortVector.zero(S), a2 = ShortVector.zero(S), a3 = ShortVector.zero(S);
            ShortVector a4 = ShortVector.zero(S), a5 = ShortVector.zero(S), a6 = ShortVector.zero(S), a7 = ShortVector.zero(S);
            for (; ch < end; ch++) {
                ShortVector t0 = ShortVector.fromArray(S, tab, ti);
                ShortVector t1 = ShortVector.fromArray(S, tab, ti + 32);
                ShortVector t2 = ShortVector.fromArray(S, tab, ti + 64);
                ti += 96;
                ShortVector w0 = ShortVector.fromMemorySegment(S, words, at, LE);
                ShortVector w1 = ShortVector.fromMemorySegment(S, words, at + tb, LE);
                ShortVector w2 = ShortVector.fromMemorySegment(S, words, at + 2 * tb, LE);
                ShortVector w3 = ShortVector.fromMemorySegment(S, words, at + 3 * tb, LE);
                ShortVector w4 = ShortVector.fromMemorySegment(S, words, at + 4 * tb, LE);
                ShortVector w5 = ShortVector.fromMemorySegment(S, words, at + 5 * tb, LE);
                ShortVector w6 = ShortVector.fromMemorySegment(S, words, at + 6 * tb, LE);
                ShortVector w7 = ShortVector.fromMemorySegment(S, words, at + 7 * tb, LE);
                a0 = a0.add(w0.selectFrom(t0)).add(w0.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w0.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                a1 = a1.add(w1.selectFrom(t0)).add(w1.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w1.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                a2 = a2.add(w2.selectFrom(t0)).add(w2.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w2.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                a3 = a3.add(w3.selectFrom(t0)).add(w3.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w3.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                a4 = a4.add(w4.selectFrom(t0)).add(w4.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w4.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                a5 = a5.add(w5.selectFrom(t0)).add(w5.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w5.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                a6 = a6.add(w6.selectFrom(t0)).add(w6.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w6.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                a7 = a7.add(w7.selectFrom(t0)).add(w7.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w7.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                at += LutMatrix.TILE_BYTES;
            }
            a0.intoArray(lanes, 0);
            a1.intoArray(lanes, 32);
            a2.intoArray(lanes, 64);
            a3.intoArray(lanes, 96);
            a4.intoArray(lanes, 128);
            a5.intoArray(lanes, 160);
            a6.intoArray(lanes, 192);
            a7.intoArray(lanes, 224);
            addLanes(lanes, sums, 0, 8 * LutMatrix.TILE_ROWS);
        }
    }

    /** {@link #tiles8} for four tiles, into {@code sums[0..128)}. */
    static void tiles4(MemorySegment words, long at, long tb, short[] tab, int chunks, int[] sums, short[] lanes) {
        java.util.Arrays.fill(sums, 0, 4 * LutMatrix.TILE_ROWS, 0);
        int ch = 0;
        int ti = 0;
        while (ch < chunks) {
            int end = Math.min(chunks, ch + FLUSH);
            ShortVector a0 = ShortVector.zero(S), a1 = ShortVector.zero(S), a2 = ShortVector.zero(S), a3 = ShortVector.zero(S);
            for (; ch < end; ch++) {
                ShortVector t0 = ShortVector.fromArray(S, tab, ti);
                ShortVector t1 = ShortVector.fromArray(S, tab, ti + 32);
                ShortVector t2 = ShortVector.fromArray(S, tab, ti + 64);
                ti += 96;
                ShortVector w0 = ShortVector.fromMemorySegment(S, words, at, LE);
                a0 = a0.add(w0.selectFrom(t0)).add(w0.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w0.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                ShortVector w1 = ShortVector.fromMemorySegment(S, words, at + tb, LE);
                a1 = a1.add(w1.selectFrom(t0)).add(w1.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w1.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                ShortVector w2 = ShortVector.fromMemorySegment(S, words, at + 2 * tb, LE);
                a2 = a2.add(w2.selectFrom(t0)).add(w2.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w2.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                ShortVector w3 = ShortVector.fromMemorySegment(S, words, at + 3 * tb, LE);
                a3 = a3.add(w3.selectFrom(t0)).add(w3.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w3.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                at += LutMatrix.TILE_BYTES;
            }
            a0.intoArray(lanes, 0);
            a1.intoArray(lanes, 32);
            a2.intoArray(lanes, 64);
            a3.intoArray(lanes, 96);
            addLanes(lanes, sums, 0, 4 * LutMatrix.TILE_ROWS);
        }
    }

    /** One tile, into {@code sums[slot .. slot+32)}: the remainder of a matrix after the wider calls. */
    static void tiles1(MemorySegment words, long at, short[] tab, int chunks, int[] sums, int slot, short[] lanes) {
        java.util.Arrays.fill(sums, slot, slot + LutMatrix.TILE_ROWS, 0);
        int ch = 0;
        int ti = 0;
        while (ch < chunks) {
            int end = Math.min(chunks, ch + FLUSH);
            ShortVector a0 = ShortVector.zero(S);
            for (; ch < end; ch++) {
                ShortVector t0 = ShortVector.fromArray(S, tab, ti);
                ShortVector t1 = ShortVector.fromArray(S, tab, ti + 32);
                ShortVector t2 = ShortVector.fromArray(S, tab, ti + 64);
                ShortVector w0 = ShortVector.fromMemorySegment(S, words, at, LE);
                a0 = a0.add(w0.selectFrom(t0)).add(w0.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts().selectFrom(t1)).add(w0.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts().selectFrom(t2));
                ti += 96;
                at += LutMatrix.TILE_BYTES;
            }
            a0.intoArray(lanes, 0);
            addLanes(lanes, sums, slot, LutMatrix.TILE_ROWS);
        }
    }

    /**
     * Four inputs at once over two tiles (streams at {@code at} and {@code at + tb}): each weight
     * load and index shift feeds the lookups of four inputs, which takes the shifts (they share
     * the permute pipes) to one per three lookups. Adds into {@code sums[64·k + row]} for input
     * {@code k}, which the caller zeroes. 1.25–1.3× faster than two inputs per pass on 2B4T shapes;
     * eight inputs need more registers than there are and ran slower than two (as did four tiles
     * for two inputs: C2 boxed the vectors). The 16-bit sums are widened straight
     * from the registers, written out here (through {@code lanes} and {@link #addLanes} the prompt
     * ran 5–10 % slower; through a helper taking the vector, C2 boxed them). Each 32-bit lane of a
     * 16-bit accumulator holds two rows: shifts widen them, even rows to {@code sums[i]} and odd
     * rows to {@code sums[16 + i]} of their 32-row block, put back in row order at the end. A
     * widening conversion of each half ({@code convert(S2I, part)}) ran at the same speed but made
     * C2 use ~45 MB to compile this method, against ~25 MB with shifts: the process's peak RSS.
     */
    static void inputs4(MemorySegment words, long at, long tb, short[] p, short[] q, short[] r, short[] s, int chunks, int[] sums) {
        int ch = 0;
        int ti = 0;
        while (ch < chunks) {
            int end = Math.min(chunks, ch + FLUSH);
            ShortVector p0 = ShortVector.zero(S), p1 = ShortVector.zero(S), q0 = ShortVector.zero(S), q1 = ShortVector.zero(S);
            ShortVector r0 = ShortVector.zero(S), r1 = ShortVector.zero(S), s0 = ShortVector.zero(S), s1 = ShortVector.zero(S);
            for (; ch < end; ch++) {
                ShortVector w0 = ShortVector.fromMemorySegment(S, words, at, LE);
                ShortVector w1 = ShortVector.fromMemorySegment(S, words, at + tb, LE);
                at += LutMatrix.TILE_BYTES;
                ShortVector w0b = w0.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts();
                ShortVector w0c = w0.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts();
                ShortVector w1b = w1.reinterpretAsInts().lanewise(VectorOperators.LSHR, 5).reinterpretAsShorts();
                ShortVector w1c = w1.reinterpretAsInts().lanewise(VectorOperators.LSHR, 10).reinterpretAsShorts();
                ShortVector t0 = ShortVector.fromArray(S, p, ti), t1 = ShortVector.fromArray(S, p, ti + 32), t2 = ShortVector.fromArray(S, p, ti + 64);
                p0 = p0.add(w0.selectFrom(t0)).add(w0b.selectFrom(t1)).add(w0c.selectFrom(t2));
                p1 = p1.add(w1.selectFrom(t0)).add(w1b.selectFrom(t1)).add(w1c.selectFrom(t2));
                t0 = ShortVector.fromArray(S, q, ti);
                t1 = ShortVector.fromArray(S, q, ti + 32);
                t2 = ShortVector.fromArray(S, q, ti + 64);
                q0 = q0.add(w0.selectFrom(t0)).add(w0b.selectFrom(t1)).add(w0c.selectFrom(t2));
                q1 = q1.add(w1.selectFrom(t0)).add(w1b.selectFrom(t1)).add(w1c.selectFrom(t2));
                t0 = ShortVector.fromArray(S, r, ti);
                t1 = ShortVector.fromArray(S, r, ti + 32);
                t2 = ShortVector.fromArray(S, r, ti + 64);
                r0 = r0.add(w0.selectFrom(t0)).add(w0b.selectFrom(t1)).add(w0c.selectFrom(t2));
                r1 = r1.add(w1.selectFrom(t0)).add(w1b.selectFrom(t1)).add(w1c.selectFrom(t2));
                t0 = ShortVector.fromArray(S, s, ti);
                t1 = ShortVector.fromArray(S, s, ti + 32);
                t2 = ShortVector.fromArray(S, s, ti + 64);
                s0 = s0.add(w0.selectFrom(t0)).add(w0b.selectFrom(t1)).add(w0c.selectFrom(t2));
                s1 = s1.add(w1.selectFrom(t0)).add(w1b.selectFrom(t1)).add(w1c.selectFrom(t2));
                ti += 96;
            }
            IntVector.fromArray(SI, sums, 0).add(p0.reinterpretAsInts().lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 0);
            IntVector.fromArray(SI, sums, 16).add(p0.reinterpretAsInts().lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 16);
            IntVector.fromArray(SI, sums, 32).add(p1.reinterpretAsInts().lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 32);
            IntVector.fromArray(SI, sums, 48).add(p1.reinterpretAsInts().lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 48);
            IntVector.fromArray(SI, sums, 64).add(q0.reinterpretAsInts().lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 64);
            IntVector.fromArray(SI, sums, 80).add(q0.reinterpretAsInts().lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 80);
            IntVector.fromArray(SI, sums, 96).add(q1.reinterpretAsInts().lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 96);
            IntVector.fromArray(SI, sums, 112).add(q1.reinterpretAsInts().lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 112);
            IntVector.fromArray(SI, sums, 128).add(r0.reinterpretAsInts().lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 128);
            IntVector.fromArray(SI, sums, 144).add(r0.reinterpretAsInts().lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 144);
            IntVector.fromArray(SI, sums, 160).add(r1.reinterpretAsInts().lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 160);
            IntVector.fromArray(SI, sums, 176).add(r1.reinterpretAsInts().lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 176);
            IntVector.fromArray(SI, sums, 192).add(s0.reinterpretAsInts().lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 192);
            IntVector.fromArray(SI, sums, 208).add(s0.reinterpretAsInts().lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 208);
            IntVector.fromArray(SI, sums, 224).add(s1.reinterpretAsInts().lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 224);
            IntVector.fromArray(SI, sums, 240).add(s1.reinterpretAsInts().lanewise(VectorOperators.ASHR, 16)).intoArray(sums, 240);
        }
        deinterleave(sums, 4 * 2 * LutMatrix.TILE_ROWS);
    }

    /**
     * Puts each 32-row block of {@code sums[0..n)}, even rows first, back in row order, through
     * the scratch block after the sums ({@link #SUMS}).
     */
    private static void deinterleave(int[] sums, int n) {
        int block = LutMatrix.GROUP_ROWS;
        for (int b = 0; b < n; b += LutMatrix.TILE_ROWS) {
            System.arraycopy(sums, b, sums, block, LutMatrix.TILE_ROWS);
            for (int i = 0; i < LutMatrix.TILE_ROWS / 2; i++) {
                sums[b + 2 * i] = sums[block + i];
                sums[b + 2 * i + 1] = sums[block + LutMatrix.TILE_ROWS / 2 + i];
            }
        }
    }
}
