package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * Super-blocks of 256 ternary values in 66 bytes (llama.cpp TQ2_0): qs[64] of 2-bit codes, fp16 d.
 * In each 32-byte half, byte m holds values m + 32n of that half's 128 at bit 2n (lowest bits first).
 * value = (float)(code − 1) · d.
 */
final class TQ2_0Format implements TensorFormat {
    static final int D = 64;

    @Override
    public GgmlType type() { return GgmlType.TQ2_0; }

    @Override
    public void dequantize(MemorySegment data, long first, int count, float[] out, int outOffset) {
        long at = BlockRanges.check(this, data, first, count, out, outOffset);
        byte[] block = new byte[66];
        for (int b = 0; b < count / 256; b++, at += 66) {
            MemorySegment.copy(data, LittleEndian.BYTE, at, block, 0, 66);
            float d = Float.float16ToFloat((short) ((block[D] & 0xFF) | (block[D + 1] << 8)));
            int o = outOffset + 256 * b;
            for (int half = 0; half < 2; half++) {
                for (int n = 0; n < 4; n++) {
                    for (int m = 0; m < 32; m++) {
                        out[o++] = (((block[32 * half + m] >>> (2 * n)) & 3) - 1) * d;
                    }
                }
            }
        }
    }
}
