package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * Blocks of 32: fp16 scale d, then 16 bytes whose low nibbles hold values 0..15 and high nibbles
 * values 16..31, each stored with an offset of 8; value = (nibble − 8) · d.
 */
final class Q4_0Format implements TensorFormat {
    @Override
    public GgmlType type() { return GgmlType.Q4_0; }

    @Override
    public void dequantize(MemorySegment data, long first, int count, float[] out, int outOffset) {
        long at = BlockRanges.check(this, data, first, count, out, outOffset);
        for (int b = 0; b < count / 32; b++, at += 18) {
            float d = Float.float16ToFloat(data.get(LittleEndian.SHORT, at));
            int o = outOffset + 32 * b;
            for (int j = 0; j < 16; j++) {
                int q = data.get(LittleEndian.BYTE, at + 2 + j) & 0xFF;
                out[o + j] = ((q & 0x0F) - 8) * d;
                out[o + j + 16] = ((q >>> 4) - 8) * d;
            }
        }
    }
}
