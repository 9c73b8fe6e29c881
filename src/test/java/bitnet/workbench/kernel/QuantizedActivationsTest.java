package bitnet.workbench.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantizedActivationsTest {
    @Test
    void perTokenUsesOneScaleForTheRowAndRoundsHalfToEven() {
        QuantizedActivations a = new QuantizedActivations(8);
        a.quantize(new float[] {1f, -0.5f, 0.25f, 0f}, 0, 4, ActivationQuantization.PER_TOKEN);
        assertThat(a.tokenScale()).isEqualTo(127f);
        // -0.5·127 = -63.5 rounds to the even -64; 0.25·127 = 31.75 rounds to 32
        assertThat(java.util.Arrays.copyOf(a.codes(), 4)).containsExactly(127, -64, 32, 0);
        assertThat(a.tokenSum()).isEqualTo(127 - 64 + 32);
        assertThat(a.absMax()).isEqualTo(1f);
    }

    /**
     * The vector loops give the scalar quantize_row_i8_s results bit for bit: random lengths (vector
     * tails), halves that round to even, tiny and huge values, −0, infinities and NaN.
     */
    @org.junit.jupiter.api.RepeatedTest(40)
    void perTokenInLanesMatchesTheScalarLoops(org.junit.jupiter.api.RepetitionInfo rep) {
        java.util.Random rnd = new java.util.Random(rep.getCurrentRepetition());
        int length = 1 + rnd.nextInt(300);
        float[] x = new float[length];
        float magnitude = (float) Math.pow(10, rnd.nextInt(9) - 6);
        for (int i = 0; i < length; i++) x[i] = (float) rnd.nextGaussian() * magnitude;
        int specials = rep.getCurrentRepetition() % 4 == 0 ? 1 + rnd.nextInt(3) : 0;
        float[] odd = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0.5f / 127f * magnitude, 1e-30f};
        for (int k = 0; k < specials; k++) x[rnd.nextInt(length)] = odd[rnd.nextInt(odd.length)];
        QuantizedActivations a = new QuantizedActivations(length);
        a.quantize(x, 0, length, ActivationQuantization.PER_TOKEN);

        double max = 1e-5;
        float amax = 0f;
        for (float v : x) {
            float m = Math.abs(v);
            if (m > amax) amax = m;
            max = Math.max(max, m);
        }
        float s = (float) (127.0 / max);
        int sum = 0;
        for (int i = 0; i < length; i++) {
            int v = Math.max(-128, Math.min(127, (int) Math.rint(x[i] * s)));
            assertThat(a.codes()[i]).as("code %d of %d", i, length).isEqualTo((byte) v);
            sum += v;
        }
        assertThat(Float.floatToRawIntBits(a.tokenScale())).isEqualTo(Float.floatToRawIntBits(s));
        assertThat(a.tokenSum()).isEqualTo(sum);
        assertThat(Float.floatToRawIntBits(a.absMax())).isEqualTo(Float.floatToRawIntBits(amax));
    }

    @Test
    void perTokenFloorsTheMaximumAtOneHundredThousandth() {
        QuantizedActivations a = new QuantizedActivations(4);
        a.quantize(new float[] {0f, 0f, 0f, 0f}, 0, 4, ActivationQuantization.PER_TOKEN);
        assertThat(a.tokenScale()).isEqualTo((float) (127 / 1e-5));
        assertThat(a.tokenSum()).isZero();
    }

    @Test
    void q8kBlocksTakeTheSignedLargestElementAndClampOnlyAbove() {
        float[] x = new float[512];
        java.util.Arrays.fill(x, 0, 256, 1f);
        x[3] = -2f;                 // the signed max of block 0 is negative: iscale = -127/-2 = 63.5
        x[300] = 0.5f;              // block 1: all else zero
        QuantizedActivations a = new QuantizedActivations(512);
        a.quantize(x, 0, 512, ActivationQuantization.Q8K_BLOCKS);
        assertThat(a.codes()[3]).isEqualTo((byte) -127);
        assertThat(a.codes()[0]).isEqualTo((byte) 64);    // 63.5 to even
        assertThat(a.blockStep(0)).isEqualTo(1f / 63.5f);
        assertThat(a.blockSum(0)).isEqualTo(255 * 64 - 127);
        assertThat(a.codes()[300]).isEqualTo((byte) -127); // positive max: iscale = -254
        assertThat(a.blockStep(1)).isEqualTo(1f / (-127f / 0.5f));
        assertThat(a.absMax()).isEqualTo(2f);
    }

    @Test
    void q8kBlocksOfZerosHaveZeroStep() {
        QuantizedActivations a = new QuantizedActivations(256);
        a.quantize(new float[256], 0, 256, ActivationQuantization.Q8K_BLOCKS);
        assertThat(a.blockStep(0)).isZero();
        assertThat(a.blockSum(0)).isZero();
    }

    @Test
    void q8kBlocksNeedWholeBlocks() {
        QuantizedActivations a = new QuantizedActivations(300);
        assertThatThrownBy(() -> a.quantize(new float[300], 0, 300, ActivationQuantization.Q8K_BLOCKS))
            .hasMessageContaining("multiple of 256");
    }

    @Test
    void rulesParseFromTheirUserNames() {
        assertThat(ActivationQuantization.parse("per-token")).isEqualTo(ActivationQuantization.PER_TOKEN);
        assertThat(ActivationQuantization.parse("q8k-blocks")).isEqualTo(ActivationQuantization.Q8K_BLOCKS);
        assertThatThrownBy(() -> ActivationQuantization.parse("fp8")).hasMessageContaining("per-token, q8k-blocks");
    }
}
