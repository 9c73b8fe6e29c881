package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * Super-blocks of 256 (144 bytes): fp16 d, fp16 dmin, 12 bytes packing eight 6-bit scales and eight
 * 6-bit mins, then 128 bytes of 4-bit values. Each group of 64 values uses one byte run of 32: low
 * nibbles for its first 32 values (scale/min 2k), high nibbles for the next 32 (scale/min 2k+1).
 * value = d·scale·q − dmin·min, in that float operation order (ggml {@code dequantize_row_q4_K}).
 */
final class Q4_KFormat implements TensorFormat {
    @Override
    public GgmlType type() { return GgmlType.Q4_K; }

    @Override
    public void dequantize(MemorySegment data, long first, int count, float[] out, int outOffset) {
        long at = BlockRanges.check(this, data, first, count, out, outOffset);
        byte[] block = new byte[144];
        for (int b = 0; b < count / 256; b++, at += 144) {
            MemorySegment.copy(data, LittleEndian.BYTE, at, block, 0, 144);
            float d = Float.float16ToFloat(shortAt(block, 0));
            float min = Float.float16ToFloat(shortAt(block, 2));
            int o = outOffset + 256 * b;
            for (int group = 0; group < 4; group++) {
                int is = 2 * group;
                float d1 = d * scale(block, is);
                float m1 = min * min(block, is);
                float d2 = d * scale(block, is + 1);
                float m2 = min * min(block, is + 1);
                int q = 16 + 32 * group;
                for (int l = 0; l < 32; l++) out[o + 64 * group + l] = d1 * (block[q + l] & 0x0F) - m1;
                for (int l = 0; l < 32; l++) out[o + 64 * group + 32 + l] = d2 * ((block[q + l] & 0xFF) >>> 4) - m2;
            }
        }
    }

    /** The 6-bit scale {@code j} (ggml {@code get_scale_min_k4}); the scales start at byte 4 of the block. */
    static int scale(byte[] block, int j) {
        int s = 4;
        if (j < 4) return block[s + j] & 63;
        return (block[s + j + 4] & 0x0F) | (((block[s + j - 4] & 0xFF) >>> 6) << 4);
    }

    static int min(byte[] block, int j) {
        int s = 4;
        if (j < 4) return block[s + j + 4] & 63;
        return ((block[s + j + 4] & 0xFF) >>> 4) | (((block[s + j] & 0xFF) >>> 6) << 4);
    }

    private static short shortAt(byte[] b, int i) {
        return (short) ((b[i] & 0xFF) | (b[i + 1] << 8));
    }
}
