package bitnet.workbench.kernel;

import bitnet.workbench.tensor.LittleEndian;

import java.lang.foreign.MemorySegment;

/**
 * Q6_K rows (super-blocks of 256 in 210 bytes: ql[128], qh[64], int8 scales[16], fp16 d), decoded
 * exactly as ggml's {@code dequantize_row_q6_K} (value = d·scale·(q − 32), in that float order) and
 * without allocating, since the embedding lookup runs once per token.
 */
final class Q6kRows {
    static final int BLOCK = 256;
    static final int BLOCK_BYTES = 210;
    static final int QH = 128;
    static final int SCALES = 192;
    static final int D = 208;

    private Q6kRows() {
    }

    /** Writes the {@code 256·blocks} values of the blocks starting at byte {@code at} to {@code out[offset..]}. */
    static void dequantize(MemorySegment data, long at, int blocks, float[] out, int offset) {
        for (int b = 0; b < blocks; b++, at += BLOCK_BYTES) {
            float d = Float.float16ToFloat(data.get(LittleEndian.SHORT, at + D));
            for (int half = 0; half < 2; half++) {
                long ql = at + 64 * half;
                long qh = at + QH + 32 * half;
                long sc = at + SCALES + 8 * half;
                int o = offset + BLOCK * b + 128 * half;
                for (int l = 0; l < 32; l++) {
                    int is = l / 16;
                    int h = data.get(LittleEndian.BYTE, qh + l) & 0xFF;
                    int lo = data.get(LittleEndian.BYTE, ql + l) & 0xFF;
                    int hi = data.get(LittleEndian.BYTE, ql + l + 32) & 0xFF;
                    int q1 = ((lo & 0x0F) | ((h & 3) << 4)) - 32;
                    int q2 = ((hi & 0x0F) | (((h >>> 2) & 3) << 4)) - 32;
                    int q3 = ((lo >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
                    int q4 = ((hi >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
                    out[o + l] = d * data.get(LittleEndian.BYTE, sc + is) * q1;
                    out[o + l + 32] = d * data.get(LittleEndian.BYTE, sc + is + 2) * q2;
                    out[o + l + 64] = d * data.get(LittleEndian.BYTE, sc + is + 4) * q3;
                    out[o + l + 96] = d * data.get(LittleEndian.BYTE, sc + is + 6) * q4;
                }
            }
        }
    }

    /** Σ value·x over row {@code r}, accumulated in float in index order (the reference for faster kernels). */
    static float dot(WeightMatrix w, int r, float[] x, float[] scratch) {
        int blocks = w.cols() / BLOCK;
        long base = r * w.rowBytes();
        float sum = 0f;
        for (int b = 0; b < blocks; b++) {
            dequantize(w.data(), base + (long) b * BLOCK_BYTES, 1, scratch, 0);
            for (int j = 0; j < BLOCK; j++) sum += scratch[j] * x[b * BLOCK + j];
        }
        return sum;
    }
}
