package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

/**
 * F32 (as is), F16 (round to nearest even, {@link Float#floatToFloat16}) and BF16 ({@link Bf16}).
 * NaN and infinities are stored, as ggml stores them.
 */
final class FloatQuantizer extends RowQuantizer {
    private final GgmlType type;

    FloatQuantizer(GgmlType type) {
        if (type != GgmlType.F32 && type != GgmlType.F16 && type != GgmlType.BF16) throw new IllegalArgumentException("not a float type: " + type);
        this.type = type;
    }

    @Override
    public GgmlType type() { return type; }

    @Override
    boolean requiresFiniteValues() { return false; }

    @Override
    void quantizeRow(float[] src, int offset, int rowLength, byte[] out) {
        for (int i = 0; i < rowLength; i++) {
            float v = src[offset + i];
            switch (type) {
                case F32 -> {
                    int bits = Float.floatToRawIntBits(v);
                    putShort(out, 4 * i, (short) bits);
                    putShort(out, 4 * i + 2, (short) (bits >>> 16));
                }
                case F16 -> putShort(out, 2 * i, Float.floatToFloat16(v));
                default -> putShort(out, 2 * i, Bf16.fromFloat(v));
            }
        }
    }
}
