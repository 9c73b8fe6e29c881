package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

/**
 * F32 (as is), F16 (round to nearest even, {@link Float#floatToFloat16}) and BF16 ({@link Bf16}).
 * NaN and infinities are stored as they are, as ggml stores them; a finite value that would round
 * to infinity (|x| ≥ 65520 in F16) is refused, since a model file should not gain infinities silently.
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
                case F16 -> putShort(out, 2 * i, requireNoOverflow(v, Float.floatToFloat16(v), Float.float16ToFloat(Float.floatToFloat16(v)), offset + i));
                default -> putShort(out, 2 * i, requireNoOverflow(v, Bf16.fromFloat(v), Bf16.toFloat(Bf16.fromFloat(v)), offset + i));
            }
        }
    }

    private short requireNoOverflow(float value, short bits, float decoded, int index) {
        if (Float.isFinite(value) && Float.isInfinite(decoded)) {
            throw new IllegalArgumentException(type + " cannot hold " + value + " (source index " + index + "): it would become infinite");
        }
        return bits;
    }
}
