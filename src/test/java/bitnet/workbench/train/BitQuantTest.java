package bitnet.workbench.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BitQuantTest {
    @Test
    void ternarizationUsesTheMeanAbsoluteValueAsScaleAndRoundsHalfToEven() {
        // mean |w| = (0.5 + 0.1 + 2 + 0.25 + 0.15) / 5 = 0.6; w/s = 0.833, -0.1667, 3.33, -0.4167, 0.25
        float[] w = {0.5f, -0.1f, 2f, -0.25f, 0.15f};
        float[] out = new float[5];
        float s = BitQuant.ternarize(w, out);
        assertThat(s).isEqualTo(0.6f);
        assertThat(out).containsExactly(0.6f, 0f, 0.6f, 0f, 0f);
        // exactly half a scale rounds to even (0), 1.5 scales rounds to 2 and clamps to 1
        assertThat(BitQuant.ternaryCode(0.5f, 1f)).isZero();
        assertThat(BitQuant.ternaryCode(-1.5f, 1f)).isEqualTo(-1);
    }

    @Test
    void allZeroWeightsUseTheScaleFloorAndStayZero() {
        float[] out = new float[3];
        assertThat(BitQuant.ternarize(new float[3], out)).isEqualTo(BitQuant.MIN_WEIGHT_SCALE);
        assertThat(out).containsOnly(0f);
    }

    @Test
    void activationsAreQuantizedPerRowTo127StepsOfTheirAbsmax() {
        // row 0: absmax 2 -> s = 63.5; 1.0*63.5 = 63.5 rounds to 64 (even) -> 64/63.5
        // row 1: absmax 0.1 -> s = 1270; 0.05*1270 = 63.5 -> 64/1270, -0.1 -> -127/1270
        float[] x = {2f, 1f, -0.01f, 0.1f, 0.05f, -0.1f};
        float[] out = new float[6];
        BitQuant.quantizeActivations(x, out, 0, 2, 3);
        float s0 = (float) (127.0 / 2.0), s1 = (float) (127.0 / (double) 0.1f);
        assertThat(out).containsExactly(127 / s0, 64 / s0, -1 / s0, 127 / s1, (float) Math.rint(0.05f * s1) / s1, -127 / s1);
    }

    @Test
    void aRowOfZerosStaysZero() {
        float[] x = new float[4];
        BitQuant.quantizeActivations(x, x, 0, 1, 4);
        assertThat(x).containsOnly(0f);
    }
}
