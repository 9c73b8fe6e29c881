package bitnet.workbench.tensor;

/** Codes of one TQ block under a {@link Ternarization}, shared by the TQ1_0 and TQ2_0 quantizers. */
final class TernaryBlocks {
    private TernaryBlocks() {
    }

    /**
     * Writes the stored codes (w + 1, i.e. 0, 1, 2) of {@code n} values from {@code src[off..]} into
     * {@code codes} and returns the block scale d to store.
     */
    static float encode(Ternarization rule, float[] src, int off, int n, int[] codes) {
        return switch (rule) {
            case Ternarization.PerTensor t -> {
                for (int j = 0; j < n; j++) codes[j] = t.code(src[off + j]) + 1;
                yield t.scale();
            }
            case Ternarization.GgmlBlockAbsmax ignored -> {
                float amax = 0.0f;
                for (int j = 0; j < n; j++) amax = Math.max(amax, Math.abs(src[off + j]));
                float id = amax != 0 ? 1.0f / amax : 0.0f;
                for (int j = 0; j < n; j++) codes[j] = Rounding.roundHalfAway(src[off + j] * id) + 1;
                yield amax;
            }
        };
    }
}
