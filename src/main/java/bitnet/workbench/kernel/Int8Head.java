package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.tensor.LittleEndian;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A Q6_K output matrix unpacked at load for int8 activations: per block of 256, the 6-bit values
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
        int blocks = w.cols() / BLOCK;
        MemorySegment out = arena.allocate((long) w.rows() * blocks * BLOCK_BYTES, 64);
        byte[] q = new byte[BLOCK];
        byte[] ordered = new byte[BLOCK];
        for (int r = 0; r < w.rows(); r++) {
            MemorySegment source = rows.row(r);
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
                MemorySegment.copy(ordered, 0, out, ValueLayout.JAVA_BYTE, dst, BLOCK);
                MemorySegment.copy(source, at + Q6kRows.SCALES, out, dst + SCALES, 16);
                out.set(LittleEndian.FLOAT, dst + D, Float.float16ToFloat(source.get(LittleEndian.SHORT, at + Q6kRows.D)));
            }
        }
        return new Int8Head(w.rows(), w.cols(), blocks, out);
    }
}
