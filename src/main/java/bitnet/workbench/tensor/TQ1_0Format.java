package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * Super-blocks of 256 ternary values in 54 bytes (llama.cpp TQ1_0): qs[48] with five trits per byte,
 * qh[4] with four, fp16 d. qs[0..31]: byte m holds values m + 32n (n = 0..4); qs[32..47]: byte m holds
 * 160 + m + 16n; qh[j] holds 240 + j + 4n (n = 0..3). A byte stores its trits base 3, most significant
 * first, scaled to 0..255 as ⌈v·256/243⌉, so trit n is {@code ((uint8)(b·3^n)·3) >> 8}.
 * value = (float)(trit − 1) · d.
 */
final class TQ1_0Format implements TensorFormat {
    static final int QS = 0;
    static final int QH = 48;
    static final int D = 52;
    private static final int[] POW3 = {1, 3, 9, 27, 81, 243};

    @Override
    public GgmlType type() { return GgmlType.TQ1_0; }

    @Override
    public void dequantize(MemorySegment data, long first, int count, float[] out, int outOffset) {
        long at = BlockRanges.check(this, data, first, count, out, outOffset);
        byte[] block = new byte[54];
        for (int b = 0; b < count / 256; b++, at += 54) {
            MemorySegment.copy(data, LittleEndian.BYTE, at, block, 0, 54);
            float d = Float.float16ToFloat((short) ((block[D] & 0xFF) | (block[D + 1] << 8)));
            int o = outOffset + 256 * b;
            for (int n = 0; n < 5; n++) {
                for (int m = 0; m < 32; m++) out[o++] = (trit(block[QS + m], n) - 1) * d;
            }
            for (int n = 0; n < 5; n++) {
                for (int m = 0; m < 16; m++) out[o++] = (trit(block[QS + 32 + m], n) - 1) * d;
            }
            for (int n = 0; n < 4; n++) {
                for (int j = 0; j < 4; j++) out[o++] = (trit(block[QH + j], n) - 1) * d;
            }
        }
    }

    /** Trit {@code n} (0 = most significant) of a packed byte, 0..2. */
    static int trit(byte packed, int n) {
        int q = (packed * POW3[n]) & 0xFF;
        return (q * 3) >>> 8;
    }
}
