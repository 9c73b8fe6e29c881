package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * Super-blocks of 256 (210 bytes): ql[128] low 4 bits, qh[64] high 2 bits, sixteen int8 scales (one per
 * 16 values), fp16 d. Each half of 128 values uses 64 ql bytes and 32 qh bytes: ql[l] holds values l
 * (low nibble) and l+64 (high nibble), ql[l+32] values l+32 and l+96; qh[l] holds the high bits of
 * l, l+32, l+64, l+96 at shifts 0, 2, 4, 6. value = d·scale·(q − 32), in that float operation order
 * (ggml {@code dequantize_row_q6_K}).
 */
final class Q6_KFormat implements TensorFormat {
    static final int QL = 0;
    static final int QH = 128;
    static final int SCALES = 192;
    static final int D = 208;

    @Override
    public GgmlType type() { return GgmlType.Q6_K; }

    @Override
    public void dequantize(MemorySegment data, long first, int count, float[] out, int outOffset) {
        long at = BlockRanges.check(this, data, first, count, out, outOffset);
        byte[] block = new byte[210];
        for (int b = 0; b < count / 256; b++, at += 210) {
            MemorySegment.copy(data, LittleEndian.BYTE, at, block, 0, 210);
            float d = Float.float16ToFloat((short) ((block[D] & 0xFF) | (block[D + 1] << 8)));
            for (int half = 0; half < 2; half++) {
                int ql = QL + 64 * half;
                int qh = QH + 32 * half;
                int sc = SCALES + 8 * half;
                int o = outOffset + 256 * b + 128 * half;
                for (int l = 0; l < 32; l++) {
                    int is = l / 16;
                    int h = block[qh + l] & 0xFF;
                    int q1 = ((block[ql + l] & 0x0F) | ((h & 3) << 4)) - 32;
                    int q2 = ((block[ql + l + 32] & 0x0F) | (((h >>> 2) & 3) << 4)) - 32;
                    int q3 = (((block[ql + l] & 0xFF) >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
                    int q4 = (((block[ql + l + 32] & 0xFF) >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
                    out[o + l] = d * block[sc + is] * q1;
                    out[o + l + 32] = d * block[sc + is + 2] * q2;
                    out[o + l + 64] = d * block[sc + is + 4] * q3;
                    out[o + l + 96] = d * block[sc + is + 6] * q4;
                }
            }
        }
    }
}
