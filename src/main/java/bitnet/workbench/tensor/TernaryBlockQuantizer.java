package bitnet.workbench.tensor;

import java.util.Objects;

/**
 * The part TQ1_0 and TQ2_0 share: each 256-value block gets its codes and fp16 scale d from the
 * {@link Ternarization}; the subclass only packs the codes in its own layout.
 */
abstract class TernaryBlockQuantizer extends RowQuantizer {
    private final Ternarization rule;

    TernaryBlockQuantizer(Ternarization rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
        if (rule instanceof Ternarization.PerTensor t) fp16Scale(t.scale());
    }

    @Override
    boolean requiresFiniteValues() { return true; }

    /** Writes the 256 codes (0, 1, 2 for −1, 0, +1) of one block at {@code o}; d is written after. */
    abstract void packCodes(int[] codes, byte[] out, int o);

    /** Offset of the fp16 d inside a block. */
    abstract int scaleOffset();

    @Override
    void quantizeRow(float[] src, int offset, int rowLength, byte[] out) {
        int[] codes = new int[256];
        int blockBytes = type().bytesPerBlock;
        for (int b = 0; b < rowLength / 256; b++) {
            float d = TernaryBlocks.encode(rule, src, offset + 256 * b, 256, codes);
            packCodes(codes, out, blockBytes * b);
            putShort(out, blockBytes * b + scaleOffset(), fp16Scale(d));
        }
    }
}
