package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.tensor.LittleEndian;
import bitnet.workbench.tensor.TensorFormat;
import bitnet.workbench.tensor.TensorFormats;
import bitnet.workbench.tensor.TensorQuantizer;
import bitnet.workbench.tensor.TensorQuantizers;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An output matrix repacked at load for int8 activations (a Q6_K one exactly; a float one after
 * quantizing it to Q6_K, see {@link #canConvert}): per block of 256, the 6-bit values
 * {@code q − 32} as signed 6-bit fields of three 64-byte planes, the sixteen int8 sub-block scales
 * and d as float, 212 bytes (Q6_K itself has 210). A 16-bit lane {@code l} of the planes holds
 * the eight values {@code value(t, 2l)} and {@code value(t, 2l + 1)}, t = 0..3, all of sub-block
 * {@code l / 2}, so eight products per lane (|q−32| ≤ 32, |a| ≤ 127) fit in 16 bits:
 * <pre>
 *   plane A: v0 bits 10–15, v1 bits 4–9, low 4 bits of v6 in 0–3
 *   plane B: v2 bits 10–15, v3 bits 4–9, low 4 bits of v7 in 0–3
 *   plane C: v4 bits 10–15, v5 bits 4–9, high 2 bits of v7 in 2–3, of v6 in 0–1
 * </pre>
 * where v(2t) = value(t, 2l) and v(2t+1) = value(t, 2l+1). The top field comes out with one
 * arithmetic right shift, the middle one with a left and a right shift (three shifts fewer per
 * block than fields at the bottom, 5 % of the kernel's work). The head streams 23 % fewer bytes than with one
 * byte per value (276 per block), which made it 25–30 % faster, and the tied embedding's own
 * pages are touched only for the rows looked up.
 *
 * <p>With Q8_K-quantized input ({@link Int8HeadRows}) the row result is llama.cpp's
 * {@code ggml_vec_dot_q6_K_q8_K}: Σ_b d_w·d_a · Σ_s sc_s · Σ (q−32)·a.
 */
public record Int8Head(int rows, int cols, int blocks, MemorySegment data) implements Repacked {
    static final int BLOCK = 256;
    /** Byte offsets in a block: the three planes of 6-bit fields, the sub-block scales, d. */
    static final int PLANE_A = 0;
    static final int PLANE_B = 64;
    static final int PLANE_C = 128;
    static final int SCALES = 192;
    static final int D = 208;
    static final int BLOCK_BYTES = 212;

    @Override
    public long byteSize() { return data.byteSize(); }

    long rowBytes() { return (long) blocks * BLOCK_BYTES; }

    /**
     * The value index within a block of the {@code b}-th int8 of step {@code t} (0..3): the even and
     * odd ones of a step are multiplied by one lane's two fields, so lane {@code b / 2} is in
     * sub-block {@code b / 4}.
     */
    static int value(int t, int b) {
        return 16 * (b / 4) + 4 * t + b % 4;
    }

    /** Unpacks a Q6_K matrix whose bytes (file layout) are in {@code source}; null for other types. */
    public static Int8Head fromQ6K(WeightMatrix w, MemorySegment source, Arena arena) {
        return fromQ6K(w, MatrixRows.of(w, source), arena);
    }

    /** {@link #fromQ6K(WeightMatrix, MemorySegment, Arena)} reading the rows in order from {@code rows}. */
    public static Int8Head fromQ6K(WeightMatrix w, MatrixRows rows, Arena arena) {
        if (w.type() != GgmlType.Q6_K) return null;
        Int8Head h = allocate(w, arena);
        h.fill(w, rows, 0, w.rows());
        return h;
    }

    /**
     * Whether {@code w} has an int8 form: a Q6_K matrix exactly; a float one (F32, F16, BF16) after
     * quantizing its rows to Q6_K (ggml's reference quantizer) — lossy, as llama-quantize's Q6_K output is.
     */
    public static boolean canConvert(WeightMatrix w) {
        return switch (w.type()) {
            case Q6_K -> true;
            case F32, F16, BF16 -> w.cols() % BLOCK == 0;
            default -> false;
        };
    }

    /** Room for the int8 form of {@code w}, to be filled with {@link #fill}, possibly by several threads. */
    public static Int8Head allocate(WeightMatrix w, Arena arena) {
        if (!canConvert(w)) throw new IllegalArgumentException(w.type() + " matrix '" + w.name() + "' has no int8 form");
        int blocks = w.cols() / BLOCK;
        return new Int8Head(w.rows(), w.cols(), blocks, arena.allocate((long) w.rows() * blocks * BLOCK_BYTES, 64));
    }

    /** Converts rows {@code rowStart .. rowEnd-1} of {@code w}, reading them in order from {@code source} (file layout). */
    public void fill(WeightMatrix w, MatrixRows source, int rowStart, int rowEnd) {
        byte[] q = new byte[BLOCK];
        byte[] ordered = new byte[BLOCK];
        boolean exact = w.type() == GgmlType.Q6_K;
        // A float head goes through one Q6_K row at a time.
        TensorFormat format = exact ? null : TensorFormats.of(w.type());
        TensorQuantizer quantizer = exact ? null : TensorQuantizers.of(GgmlType.Q6_K);
        float[] values = exact ? null : new float[cols];
        MemorySegment q6 = exact ? null : MemorySegment.ofArray(new byte[blocks * Q6kRows.BLOCK_BYTES]);
        for (int r = rowStart; r < rowEnd; r++) {
            MemorySegment row = source.row(r);
            if (!exact) {
                format.dequantize(row, 0, cols, values, 0);
                quantizer.quantizeRows(values, 0, cols, 1, q6, 0);
                row = q6;
            }
            unpackRow(row, r, q, ordered);
        }
    }

    private void unpackRow(MemorySegment source, int r, byte[] q, byte[] ordered) {
        for (int b = 0; b < blocks; b++) {
            long at = (long) b * Q6kRows.BLOCK_BYTES;
            for (int half = 0; half < 2; half++) {
                for (int l = 0; l < 32; l++) {
                    int h = source.get(LittleEndian.BYTE, at + Q6kRows.QH + 32 * half + l) & 0xFF;
                    int lo = source.get(LittleEndian.BYTE, at + 64 * half + l) & 0xFF;
                    int hi = source.get(LittleEndian.BYTE, at + 64 * half + l + 32) & 0xFF;
                    int o = 128 * half + l;
                    q[o] = (byte) (((lo & 0x0F) | ((h & 3) << 4)) - 32);
                    q[o + 32] = (byte) (((hi & 0x0F) | (((h >>> 2) & 3) << 4)) - 32);
                    q[o + 64] = (byte) (((lo >>> 4) | (((h >>> 4) & 3) << 4)) - 32);
                    q[o + 96] = (byte) (((hi >>> 4) | (((h >>> 6) & 3) << 4)) - 32);
                }
            }
            for (int lane = 0; lane < 32; lane++) {
                int v0 = q[value(0, 2 * lane)], v1 = q[value(0, 2 * lane + 1)];
                int v2 = q[value(1, 2 * lane)], v3 = q[value(1, 2 * lane + 1)];
                int v4 = q[value(2, 2 * lane)], v5 = q[value(2, 2 * lane + 1)];
                int v6 = q[value(3, 2 * lane)], v7 = q[value(3, 2 * lane + 1)];
                putLane(ordered, PLANE_A, lane, (v0 & 0x3F) << 10 | (v1 & 0x3F) << 4 | (v6 & 0xF));
                putLane(ordered, PLANE_B, lane, (v2 & 0x3F) << 10 | (v3 & 0x3F) << 4 | (v7 & 0xF));
                putLane(ordered, PLANE_C, lane, (v4 & 0x3F) << 10 | (v5 & 0x3F) << 4 | (v7 >> 4 & 3) << 2 | (v6 >> 4 & 3));
            }
            long dst = r * (long) blocks * BLOCK_BYTES + (long) b * BLOCK_BYTES;
            MemorySegment.copy(ordered, 0, data, ValueLayout.JAVA_BYTE, dst, SCALES);
            MemorySegment.copy(source, at + Q6kRows.SCALES, data, dst + SCALES, 16);
            data.set(LittleEndian.FLOAT, dst + D, Float.float16ToFloat(source.get(LittleEndian.SHORT, at + Q6kRows.D)));
        }
    }

    /**
     * Row {@code r} as floats, exactly as {@link RowReader} decodes the Q6_K row it was made from
     * (d·scale·(q − 32), in that float order): a tied embedding's lookups read this copy instead
     * of the mapped file, whose pages the kernel would map 64 KB around each looked-up row (12 MiB
     * of resident set after a few hundred distinct tokens). Only for a head made from Q6_K.
     */
    public void readRow(int r, float[] out, int offset) {
        if (r < 0 || r >= rows) throw new IndexOutOfBoundsException("row " + r + " of an output matrix with " + rows + " rows");
        long row = r * rowBytes();
        for (int b = 0; b < blocks; b++) {
            long at = row + (long) b * BLOCK_BYTES;
            float d = data.get(LittleEndian.FLOAT, at + D);
            int o = offset + b * BLOCK;
            for (int lane = 0; lane < 32; lane++) {
                short a = data.get(LittleEndian.SHORT, at + PLANE_A + 2L * lane);
                short bb = data.get(LittleEndian.SHORT, at + PLANE_B + 2L * lane);
                short c = data.get(LittleEndian.SHORT, at + PLANE_C + 2L * lane);
                put(out, o, d, at, value(0, 2 * lane), a >> 10);
                put(out, o, d, at, value(0, 2 * lane + 1), (short) (a << 6) >> 10);
                put(out, o, d, at, value(1, 2 * lane), bb >> 10);
                put(out, o, d, at, value(1, 2 * lane + 1), (short) (bb << 6) >> 10);
                put(out, o, d, at, value(2, 2 * lane), c >> 10);
                put(out, o, d, at, value(2, 2 * lane + 1), (short) (c << 6) >> 10);
                put(out, o, d, at, value(3, 2 * lane), ((a & 0xF) | (c & 3) << 4) << 26 >> 26);
                put(out, o, d, at, value(3, 2 * lane + 1), ((bb & 0xF) | (c >> 2 & 3) << 4) << 26 >> 26);
            }
        }
    }

    private void put(float[] out, int o, float d, long block, int v, int q) {
        out[o + v] = d * data.get(LittleEndian.BYTE, block + SCALES + v / 16) * q;
    }

    private static void putLane(byte[] block, int plane, int lane, int bits) {
        block[plane + 2 * lane] = (byte) bits;
        block[plane + 2 * lane + 1] = (byte) (bits >>> 8);
    }
}
