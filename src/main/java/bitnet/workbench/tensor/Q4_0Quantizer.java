package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

/**
 * ggml's {@code quantize_row_q4_0_ref}: per block of 32, the value of largest magnitude (with its sign)
 * maps to −8, d = max / −8, nibble = min(15, (int8)(x/d + 8.5)).
 */
final class Q4_0Quantizer extends RowQuantizer {
    @Override
    public GgmlType type() { return GgmlType.Q4_0; }

    @Override
    boolean requiresFiniteValues() { return true; }

    @Override
    void quantizeRow(float[] src, int offset, int rowLength, byte[] out) {
        for (int b = 0; b < rowLength / 32; b++) {
            int x = offset + 32 * b;
            int o = 18 * b;
            float amax = 0.0f;
            float max = 0.0f;
            for (int j = 0; j < 32; j++) {
                float v = src[x + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8;
            float id = d != 0 ? 1.0f / d : 0.0f;
            putShort(out, o, fp16Scale(d));
            for (int j = 0; j < 16; j++) {
                int lo = Math.min(15, (byte) (int) (src[x + j] * id + 8.5f));
                int hi = Math.min(15, (byte) (int) (src[x + 16 + j] * id + 8.5f));
                out[o + 2 + j] = (byte) (lo | (hi << 4));
            }
        }
    }
}
