package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;

/** Packs ternary codes as {@link TQ1_0Format} reads them; codes and d come from the {@link Ternarization}. */
final class TQ1_0Quantizer extends TernaryBlockQuantizer {
    TQ1_0Quantizer(Ternarization rule) {
        super(rule);
    }

    @Override
    public GgmlType type() { return GgmlType.TQ1_0; }

    @Override
    int scaleOffset() { return TQ1_0Format.D; }

    @Override
    void packCodes(int[] codes, byte[] out, int o) {
        for (int m = 0; m < 32; m++) {
            int q = 0;
            for (int n = 0; n < 5; n++) q = q * 3 + codes[m + 32 * n];
            out[o + TQ1_0Format.QS + m] = scaleTrits(q);
        }
        for (int m = 0; m < 16; m++) {
            int q = 0;
            for (int n = 0; n < 5; n++) q = q * 3 + codes[160 + m + 16 * n];
            out[o + TQ1_0Format.QS + 32 + m] = scaleTrits(q);
        }
        for (int j = 0; j < 4; j++) {
            int q = 0;
            for (int n = 0; n < 4; n++) q = q * 3 + codes[240 + j + 4 * n];
            out[o + TQ1_0Format.QH + j] = scaleTrits(q * 3); // four trits, shifted to the top
        }
    }

    /** Five base-3 digits (0..242) spread over 0..255 as ⌈v·256/243⌉, so the decoder can peel digits by multiplication. */
    private static byte scaleTrits(int v) {
        return (byte) ((v * 256 + 242) / 243);
    }
}
