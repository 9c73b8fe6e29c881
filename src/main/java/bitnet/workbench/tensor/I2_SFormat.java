package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.lang.foreign.MemorySegment;

/**
 * bitnet.cpp's I2_S: 2-bit codes for the whole tensor in blocks of 128 values / 32 bytes, then one
 * float32 scale at byte n/4 (n = element count) padded to 32 bytes. In a block, value j sits in byte
 * j % 32 at shift 6 − 2·(j / 32) (first 32 values in the top bits). Codes 0, 1, 2, 3 mean −1, 0, +1, 0;
 * value = scale · {−1, 0, 1, 0}[code] (bitnet.cpp {@code dequantize_row_i2_s}).
 *
 * <p>Because the scale sits after the codes, {@link #dequantize} needs the whole tensor's data, exactly
 * {@link #byteSize} bytes long, as {@code GgufFile.tensorData} returns it.
 */
final class I2_SFormat implements TensorFormat {
    private static final float[] MAP = {-1.0f, 0.0f, 1.0f, 0.0f};

    @Override
    public GgmlType type() { return GgmlType.I2_S; }

    @Override
    public void dequantize(MemorySegment data, long first, int count, float[] out, int outOffset) {
        float scale = scale(data);
        long at = BlockRanges.check(this, data, packedBytes(data), first, count, out, outOffset);
        for (int b = 0; b < count / 128; b++, at += 32) {
            int o = outOffset + 128 * b;
            for (int gp = 0; gp < 32; gp++) {
                int q = data.get(LittleEndian.BYTE, at + gp) & 0xFF;
                out[o + gp] = scale * MAP[q >>> 6];
                out[o + 32 + gp] = scale * MAP[(q >>> 4) & 3];
                out[o + 64 + gp] = scale * MAP[(q >>> 2) & 3];
                out[o + 96 + gp] = scale * MAP[q & 3];
            }
        }
    }

    /** The tensor scale, read from the trailer of a whole I2_S tensor's data. */
    static float scale(MemorySegment tensorData) {
        return tensorData.get(LittleEndian.FLOAT, packedBytes(tensorData));
    }

    private static long packedBytes(MemorySegment tensorData) {
        long packed = tensorData.byteSize() - GgmlType.I2S_TRAILER_BYTES;
        if (packed < 0 || packed % 32 != 0) {
            throw new IllegalArgumentException("I2_S: tensor data of " + tensorData.byteSize()
                + " bytes is not whole 32-byte blocks plus the 32-byte scale trailer; pass the whole tensor's data");
        }
        return packed;
    }
}
