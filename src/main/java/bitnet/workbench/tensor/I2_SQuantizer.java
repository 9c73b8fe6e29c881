package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Packs codes as {@link I2_SFormat} reads them. The tensor scale is fixed up front by the rule and
 * written once by {@link #writeTrailer}: float32 scale, then 28 zero bytes.
 */
final class I2_SQuantizer extends RowQuantizer {
    private final Ternarization.PerTensor rule;

    I2_SQuantizer(Ternarization.PerTensor rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    @Override
    public GgmlType type() { return GgmlType.I2_S; }

    @Override
    public int trailerBytes() { return GgmlType.I2S_TRAILER_BYTES; }

    @Override
    boolean requiresFiniteValues() { return true; }

    @Override
    void quantizeRow(float[] src, int offset, int rowLength, byte[] out) {
        for (int b = 0; b < rowLength / 128; b++) {
            int x = offset + 128 * b;
            for (int gp = 0; gp < 32; gp++) {
                int q = 0;
                for (int group = 0; group < 4; group++) {
                    q |= (rule.code(src[x + 32 * group + gp]) + 1) << (6 - 2 * group);
                }
                out[32 * b + gp] = (byte) q;
            }
        }
    }

    @Override
    public void writeTrailer(MemorySegment dst, long dstOffset) {
        if (dstOffset < 0 || dstOffset > dst.byteSize() - trailerBytes()) {
            throw new IllegalArgumentException("I2_S: the 32-byte trailer at offset " + dstOffset + " exceeds the destination of " + dst.byteSize() + " bytes");
        }
        dst.asSlice(dstOffset, trailerBytes()).fill((byte) 0);
        dst.set(LittleEndian.FLOAT, dstOffset, rule.scale());
    }
}
