package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

/** Packs ternary codes as {@link TQ2_0Format} reads them; codes and d come from the {@link Ternarization}. */
final class TQ2_0Quantizer extends TernaryBlockQuantizer {
    TQ2_0Quantizer(Ternarization rule) {
        super(rule);
    }

    @Override
    public GgmlType type() { return GgmlType.TQ2_0; }

    @Override
    int scaleOffset() { return TQ2_0Format.D; }

    @Override
    void packCodes(int[] codes, byte[] out, int o) {
        for (int half = 0; half < 2; half++) {
            for (int m = 0; m < 32; m++) {
                int q = 0;
                for (int n = 0; n < 4; n++) q |= codes[128 * half + m + 32 * n] << (2 * n);
                out[o + 32 * half + m] = (byte) q;
            }
        }
    }
}
