package bitnet.workbench.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AttentionMathTest {
    private static final int STRIDE = 640;

    @Test
    void twoQueriesScoreEveryKeyRowAsOneRowAtATimeWouldBitForBit() {
        Random rnd = new Random(3);
        for (int n : new int[] {128, 64, 12}) {
            for (int count : new int[] {1, 2, 5, 8, 161}) {
                float[] keyFloats = gaussian(rnd, count * STRIDE + n);
                java.lang.foreign.MemorySegment keys = segment(keyFloats);
                float[] q = gaussian(rnd, 2 * n);
                float[] scores = new float[2 * count];
                AttentionMath.dot2(keys, 3, STRIDE, count, q, 0, n, n, 0.125f, scores, count);
                float[] one = new float[2];
                for (int t = 0; t < count; t++) {
                    AttentionMath.dot2(keys, 3 + t * STRIDE, STRIDE, 1, q, 0, n, n, 0.125f, one, 1);
                    assertThat(Float.floatToRawIntBits(scores[t])).as("n=%d count=%d row %d, first query", n, count, t).isEqualTo(Float.floatToRawIntBits(one[0]));
                    assertThat(Float.floatToRawIntBits(scores[count + t])).as("n=%d count=%d row %d, second query", n, count, t).isEqualTo(Float.floatToRawIntBits(one[1]));
                    for (int k = 0; k < 2; k++) {
                        double exact = 0;
                        for (int i = 0; i < n; i++) exact += (double) keyFloats[3 + t * STRIDE + i] * q[k * n + i];
                        assertThat((double) scores[k * count + t]).isCloseTo(exact * 0.125, within(1e-5 * Math.max(1, Math.abs(exact))));
                    }
                }
            }
        }
    }

    @Test
    void twoProbabilityRowsGiveTheWeightedSumsOfEachAlone() {
        Random rnd = new Random(4);
        for (int n : new int[] {128, 12}) {
            for (int count : new int[] {1, 3, 160}) {
                java.lang.foreign.MemorySegment v = segment(gaussian(rnd, count * STRIDE + n));
                float[] p = new float[2 * count];
                for (int i = 0; i < p.length; i++) p[i] = rnd.nextFloat();
                float[] both = new float[2 * n];
                AttentionMath.weightedSum2(p, count, v, 5, STRIDE, both, 0, n, n);
                float[] alone = new float[n];
                for (int k = 0; k < 2; k++) {
                    float[] pk = java.util.Arrays.copyOfRange(p, k * count, (k + 1) * count);
                    AttentionMath.weightedSum(pk, count, v, 5, STRIDE, alone, 0, n);
                    for (int d = 0; d < n; d++) {
                        assertThat(Float.floatToRawIntBits(both[k * n + d])).as("n=%d count=%d row %d lane %d", n, count, k, d).isEqualTo(Float.floatToRawIntBits(alone[d]));
                    }
                }
            }
        }
    }

    /** Floats in native memory, as the KV cache holds them. */
    private static java.lang.foreign.MemorySegment segment(float[] a) {
        var s = java.lang.foreign.Arena.ofAuto().allocate((long) a.length * Float.BYTES, 64);
        java.lang.foreign.MemorySegment.copy(a, 0, s, KvCache.FLOAT, 0, a.length);
        return s;
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
        return a;
    }
}
