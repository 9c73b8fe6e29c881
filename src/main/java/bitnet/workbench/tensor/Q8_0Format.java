package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;

/** Blocks of 32: fp16 scale d, then 32 signed bytes; value = q · d (ggml {@code dequantize_row_q8_0}). */
final class Q8_0Format implements TensorFormat {
    @Override
    public GgmlType type() { return GgmlType.Q8_0; }

    @Override
    public void dequantize(MemorySegment data, long first, int count, float[] out, int outOffset) {
        long at = BlockRanges.check(this, data, first, count, out, outOffset);
        for (int b = 0; b < count / 32; b++, at += 34) {
            float d = Float.float16ToFloat(data.get(LittleEndian.SHORT, at));
            int o = outOffset + 32 * b;
            for (int j = 0; j < 32; j++) {
                out[o + j] = data.get(LittleEndian.BYTE, at + 2 + j) * d;
            }
        }
    }
}
