package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

import java.util.Objects;

/** Packs ternary codes as {@link TQ2_0Format} reads them; codes and d come from the {@link Ternarization}. */
final class TQ2_0Quantizer extends RowQuantizer {
    private final Ternarization rule;

    TQ2_0Quantizer(Ternarization rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
        if (rule instanceof Ternarization.PerTensor t) fp16Scale(t.scale());
    }

    @Override
    public GgmlType type() { return GgmlType.TQ2_0; }

    @Override
    boolean requiresFiniteValues() { return true; }

    @Override
    void quantizeRow(float[] src, int offset, int rowLength, byte[] out) {
        int[] codes = new int[256];
        for (int b = 0; b < rowLength / 256; b++) {
            float d = TernaryBlocks.encode(rule, src, offset + 256 * b, 256, codes);
            int o = 66 * b;
            for (int half = 0; half < 2; half++) {
                for (int m = 0; m < 32; m++) {
                    int q = 0;
                    for (int n = 0; n < 4; n++) q |= codes[128 * half + m + 32 * n] << (2 * n);
                    out[o + 32 * half + m] = (byte) q;
                }
            }
            putShort(out, o + TQ2_0Format.D, fp16Scale(d));
        }
    }
}
