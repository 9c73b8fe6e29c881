package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

/**
 * ggml's {@code quantize_row_q8_0_ref}, which llama-quantize uses for Q8_0: per block of 32,
 * d = max|x| / 127, q = roundf(x · (1/d)) (halves away from zero).
 */
final class Q8_0Quantizer extends RowQuantizer {
    @Override
    public GgmlType type() { return GgmlType.Q8_0; }

    @Override
    boolean requiresFiniteValues() { return true; }

    @Override
    void quantizeRow(float[] src, int offset, int rowLength, byte[] out) {
        for (int b = 0; b < rowLength / 32; b++) {
            int x = offset + 32 * b;
            int o = 34 * b;
            float amax = 0.0f;
            for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(src[x + j]));
            float d = amax / 127;
            float id = d != 0 ? 1.0f / d : 0.0f;
            putShort(out, o, fp16Scale(d));
            for (int j = 0; j < 32; j++) {
                out[o + 2 + j] = (byte) Rounding.roundHalfAway(src[x + j] * id);
            }
        }
    }
}
