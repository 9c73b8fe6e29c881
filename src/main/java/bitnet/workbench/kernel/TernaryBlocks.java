package bitnet.workbench.kernel;

/**
 * Turns the integer block sums of a TQ1_0/TQ2_0 row (256 weights per block, each block with its own
 * fp16 scale {@code d_w}) into a float, under each activation rule.
 * <ul>
 * <li>Q8K_BLOCKS, as llama.cpp's {@code ggml_vec_dot_tq*_q8_K}: {@code y += (float)Σ_b · (d_a,b · d_w,b)}.</li>
 * <li>PER_TOKEN: the block scale takes the place of bitnet.cpp's tensor scale. Consecutive blocks
 * with the same scale are summed as integers first and each such run adds
 * {@code (float)Σ / s · d_w} — so a ternary tensor with one scale throughout (every BitNet tensor)
 * gives bit for bit the I2_S result {@code (float)Σ / s · scale}.</li>
 * </ul>
 */
final class TernaryBlocks {
    private final QuantizedActivations x;
    private float sum;
    private int runSum;
    private float runScale = Float.NaN;

    TernaryBlocks(QuantizedActivations x) {
        this.x = x;
    }

    void add(int block, int blockSum, float weightScale) {
        switch (x.rule()) {
            case Q8K_BLOCKS -> sum += (float) blockSum * (x.blockStep(block) * weightScale);
            case PER_TOKEN -> {
                if (weightScale != runScale) {
                    flushRun();
                    runScale = weightScale;
                }
                runSum += blockSum;
            }
        }
    }

    float result() {
        if (x.rule() == ActivationQuantization.PER_TOKEN) flushRun();
        return sum;
    }

    private void flushRun() {
        if (!Float.isNaN(runScale)) sum += (float) runSum / x.tokenScale() * runScale;
        runSum = 0;
    }
}
