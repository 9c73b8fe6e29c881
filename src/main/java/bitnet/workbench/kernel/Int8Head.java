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
 * An output matrix unpacked at load for int8 activations (a Q6_K one exactly; a float one after
 * quantizing it to Q6_K, see {@link #canConvert}): per block of 256, the 6-bit values
 * {@code q − 32} as int8 (exact), the sixteen int8 sub-block scales and d as float. The int8s are
 * ordered for the kernel: in load {@code t} (of four 64-byte loads) byte {@code 4s + u} is value
 * {@code 16s + 4t + u}, so the two bytes of every 16-bit lane belong to sub-block {@code lane / 2}
 * and eight products per lane (|q−32| ≤ 32, |a| ≤ 127) fit in 16 bits. 276 bytes per 256 values
 * instead of 210; the tied embedding's own pages are then touched only for the rows looked up.
 *
 * <p>With Q8_K-quantized input ({@link Int8HeadRows}) the row result is llama.cpp's
 * {@code ggml_vec_dot_q6_K_q8_K}: Σ_b d_w·d_a · Σ_s sc_s · Σ (q−32)·a.
 */
public record Int8Head(int rows, int cols, int blocks, MemorySegment data) implements Repacked {
    static final int BLOCK = 256;
    static final int CODES = 256;
    static final int SCALES = 256;
    static final int D = 272;
    static final int BLOCK_BYTES = 276;

    @Override
    public long byteSize() { return data.byteSize(); }

    long rowBytes() { return (long) blocks * BLOCK_BYTES; }

    /** The value index within a block of byte {@code b} of load {@code t}. */
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
            for (int t = 0; t < 4; t++) for (int k = 0; k < 64; k++) ordered[64 * t + k] = q[value(t, k)];
            long dst = r * (long) blocks * BLOCK_BYTES + (long) b * BLOCK_BYTES;
            MemorySegment.copy(ordered, 0, data, ValueLayout.JAVA_BYTE, dst, BLOCK);
            MemorySegment.copy(source, at + Q6kRows.SCALES, data, dst + SCALES, 16);
            data.set(LittleEndian.FLOAT, dst + D, Float.float16ToFloat(source.get(LittleEndian.SHORT, at + Q6kRows.D)));
        }
    }
}
