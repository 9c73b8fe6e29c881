package bitnet.workbench.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FfnActivationTest {
    @Test
    void theGatedFormGivesTheScalarLoopsFloatsBitForBit() {
        Random rnd = new Random(9);
        for (FfnActivation fa : FfnActivation.values()) {
            for (int n : new int[] {0, 1, 7, 15, 16, 17, 33, 100, 6912, 6913}) {
                float[] gate = new float[n + 3];
                float[] up = new float[n + 3];
                for (int j = 0; j < gate.length; j++) {
                    gate[j] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4));
                    up[j] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4));
                }
                if (n > 3) {
                    gate[0] = 0f;
                    gate[1] = -0f;
                    gate[2] = Float.MIN_VALUE;
                    up[3] = Float.NaN;
                }
                float[] expected = gate.clone();
                for (int j = 0; j < n; j++) expected[j] = fa.apply(gate[j]) * up[j];
                fa.applyGated(gate, up, n);
                for (int j = 0; j < gate.length; j++) {
                    assertThat(Float.floatToRawIntBits(gate[j])).as("%s n=%d j=%d", fa, n, j).isEqualTo(Float.floatToRawIntBits(expected[j]));
                }
            }
        }
    }

    @Test
    void reluSquaredIsZeroForNegativeGatesAndTheSquareTimesUpOtherwise() {
        float[] gate = {-2f, 3f, 0.5f};
        FfnActivation.RELU_SQUARED.applyGated(gate, new float[] {5f, 2f, 4f}, 3);
        assertThat(gate).containsExactly(0f, 18f, 1f);
    }
}
