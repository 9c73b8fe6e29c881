package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;

final class F32Format implements TensorFormat {
    @Override
    public GgmlType type() { return GgmlType.F32; }

    @Override
    public void dequantize(MemorySegment data, long first, int count, float[] out, int outOffset) {
        long base = BlockRanges.check(this, data, first, count, out, outOffset);
        MemorySegment.copy(data, LittleEndian.FLOAT, base, out, outOffset, count);
    }
}
