package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;

final class F16Format implements TensorFormat {
    @Override
    public GgmlType type() { return GgmlType.F16; }

    @Override
    public void dequantize(MemorySegment data, long first, int count, float[] out, int outOffset) {
        long base = BlockRanges.check(this, data, first, count, out, outOffset);
        for (int i = 0; i < count; i++) {
            out[outOffset + i] = Float.float16ToFloat(data.get(LittleEndian.SHORT, base + 2L * i));
        }
    }
}
