package bitnet.workbench.tensor;

import bitnet.workbench.gguf.GgmlType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quantize, dequantize, and compare with the input, on seeded random tensors with an odd number of
 * rows. Each format's bound is stated where it is checked; ternary formats must be exact on ternary input.
 */
class QuantizerRoundTripTest {
    private static final float FP16_REL = 0x1p-11f;

    static Stream<Arguments> seeds(GgmlType... types) {
        return Stream.of(types).flatMap(t -> IntStream.rangeClosed(1, 12).mapToObj(seed -> Arguments.of(t, seed)));
    }

    static Stream<Arguments> floatTypes() { return seeds(GgmlType.F32, GgmlType.F16, GgmlType.BF16); }

    static Stream<Arguments> blockTypes() { return seeds(GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q6_K); }

    static Stream<Arguments> ternaryTypes() { return seeds(GgmlType.TQ1_0, GgmlType.TQ2_0, GgmlType.I2_S); }

    static Stream<Arguments> tqTypes() { return seeds(GgmlType.TQ1_0, GgmlType.TQ2_0); }

    private record Sample(float[] values, int rowLength, int rows) {
    }

    private static Sample sample(GgmlType type, int seed, double maxMagnitude) {
        SplittableRandom rnd = new SplittableRandom(seed * 1000003L + type.ordinal());
        int block = Math.max(type.blockSize, 32);
        int rowLength = block * (1 + rnd.nextInt(block >= 256 ? 3 : 12));
        int rows = RandomTensors.oddRows(rnd);
        return new Sample(RandomTensors.mixed(rnd, rowLength * rows, maxMagnitude), rowLength, rows);
    }

    private static float[] roundTrip(TensorQuantizer q, Sample s) {
        byte[] bytes = q.quantizeTensor(s.values, s.rowLength);
        assertThat((long) bytes.length).isEqualTo(q.format().byteSize((long) s.rowLength * s.rows));
        return RandomTensors.dequantize(q, bytes, s.values.length);
    }

    /**
     * F32 is exact. F16 and BF16 round to nearest: the error is at most half a unit in the last place,
     * |x|·2^-11 (F16, normal range) or |x|·2^-8 (BF16), and half the smallest subnormal below that.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("floatTypes")
    void floatFormatsRoundToNearest(GgmlType type, int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Sample s = sample(type, seed, 60000);
        for (int i = 0; i < s.values.length; i++) s.values[i] = Math.clamp(s.values[i], -65504f, 65504f);
        s.values[0] = 3e-8f;        // F16 subnormal
        s.values[1] = -65504f;      // F16 max
        s.values[2] = 1e-40f;       // float subnormal, BF16 subnormal
        s.values[3] = (float) (rnd.nextDouble() * 1e-6);
        float[] back = roundTrip(TensorQuantizers.of(type), s);
        for (int i = 0; i < back.length; i++) {
            float x = s.values[i];
            float bound = switch (type) {
                case F32 -> 0;
                case F16 -> Math.max(Math.abs(x) * FP16_REL, 0x1p-25f);
                default -> Math.max(Math.abs(x) * 0x1p-8f, 0x1p-134f);
            };
            assertThat(Math.abs(back[i] - x)).as("%s value %d: %s -> %s", type, i, x, back[i]).isLessThanOrEqualTo(bound);
        }
    }

    /**
     * Per block of 32 with a = max|x|: Q8_0 rounds x/d, d = a/127, so the error is at most d/2 plus what
     * storing d as fp16 costs (≤ 127·half an fp16 ulp of d). Q4_0 maps the signed max to −8 and clips the
     * opposite end at +7, so one step |d| = a/8 (again plus 8 fp16 half-ulps of d). Q6_K per 16 values
     * with s = their max|x| and A = the 256-block's max|x|: steps of about s/31, 1.5 steps where the
     * opposite extreme clips at +31, plus the error of the int8 sub-scale (≤ 32 · d/2, d = A/(31·128));
     * checked as 1.6·s/31 + A/240.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("blockTypes")
    void blockFormatsStayWithinOneQuantizationStep(GgmlType type, int seed) {
        Sample s = sample(type, seed, 1000);
        float[] back = roundTrip(TensorQuantizers.of(type), s);
        for (int i = 0; i < back.length; i++) {
            float err = Math.abs(back[i] - s.values[i]);
            double bound = switch (type) {
                case Q8_0 -> {
                    double d = maxAbs(s.values, i / 32 * 32, 32) / 127;
                    yield d / 2 + 127 * Math.max(d * FP16_REL, 0x1p-25) + 1e-7 * d;
                }
                case Q4_0 -> {
                    double d = maxAbs(s.values, i / 32 * 32, 32) / 8;
                    yield d + 8 * Math.max(d * FP16_REL, 0x1p-25) + 1e-7 * d;
                }
                default -> 1.6 * maxAbs(s.values, i / 16 * 16, 16) / 31 + maxAbs(s.values, i / 256 * 256, 256) / 240;
            };
            assertThat((double) err).as("%s value %d: %s -> %s", type, i, s.values[i], back[i]).isLessThanOrEqualTo(bound);
        }
    }

    /** Ternary × one scale comes back bit for bit (TQ: a scale fp16 can hold; I2_S: any float scale). */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("ternaryTypes")
    void exactlyTernaryTensorsComeBackUnchanged(GgmlType type, int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float scale = (float) (0.001 + rnd.nextDouble() * 2);
        if (type != GgmlType.I2_S) scale = Float.float16ToFloat(Float.floatToFloat16(scale));
        int rowLength = 256 * (1 + rnd.nextInt(3));
        int rows = RandomTensors.oddRows(rnd);
        float[] values = RandomTensors.ternary(rnd, rowLength * rows, scale);
        if (seed % 2 == 0) values = negated(values);

        for (Ternarization rule : new Ternarization[]{TernaryScale.of(values).absmean(), TernaryScale.of(values).bitnetCpp()}) {
            byte[] bytes = TensorQuantizers.ternary(type, rule).quantizeTensor(values, rowLength);
            float[] back = RandomTensors.dequantize(TensorQuantizers.ternary(type, rule), bytes, values.length);
            assertThat(back).as("%s with %s", type, rule).containsExactly(values);
        }
    }

    /**
     * Absmean on arbitrary input: every value becomes code × γ (γ = mean|x|, stored as fp16 in TQ), with
     * code 0 where |x/γ| ≤ ½ and sign(x) elsewhere — the BitNet b1.58 W_q, computed here independently.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("ternaryTypes")
    void absmeanTernarizesEveryValueToItsNearestCodeTimesTheMeanMagnitude(GgmlType type, int seed) {
        Sample s = sample(type, seed, 10);
        double sum = 0;
        for (float v : s.values) sum += Math.abs(v);
        float gamma = (float) (sum / s.values.length);
        Ternarization.RoundToScale rule = TernaryScale.of(s.values).absmean();
        assertThat(rule.scale()).isEqualTo(gamma);
        float stored = type == GgmlType.I2_S ? gamma : Float.float16ToFloat(Float.floatToFloat16(gamma));

        float[] back = roundTrip(TensorQuantizers.ternary(type, rule), s);
        for (int i = 0; i < back.length; i++) {
            float x = s.values[i];
            float code = Math.abs(x / gamma) <= 0.5f ? 0 : Math.signum(x);
            assertThat(back[i]).as("value %d = %s, gamma %s", i, x, gamma).isEqualTo(code * stored);
        }
    }

    /** llama.cpp's TQ rule: per 256-block d = max|x|, code = round(x/d) with halves away from zero. */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("tqTypes")
    void ggmlBlockAbsmaxTernarizesAgainstEachBlocksMaximum(GgmlType type, int seed) {
        Sample s = sample(type, seed, 10);
        float[] back = roundTrip(TensorQuantizers.ternary(type, new Ternarization.GgmlBlockAbsmax()), s);
        for (int i = 0; i < back.length; i++) {
            float amax = (float) maxAbs(s.values, i / 256 * 256, 256);
            float x = s.values[i];
            float code = amax == 0 || Math.abs(x * (1 / amax)) < 0.5f ? 0 : Math.signum(x);
            assertThat(back[i]).as("value %d = %s, block max %s", i, x, amax).isEqualTo(code * Float.float16ToFloat(Float.floatToFloat16(amax)));
        }
    }

    /** bitnet.cpp's rule on arbitrary input: ±max|x| by sign, 0 only below 1e-6. */
    @ParameterizedTest(name = "I2_S seed {0}")
    @MethodSource("i2sSeeds")
    void bitnetCppRuleKeepsOnlyTheSign(int seed) {
        Sample s = sample(GgmlType.I2_S, seed, 10);
        s.values[1] = 5e-7f;
        s.values[2] = -2e-6f;
        float max = (float) maxAbs(s.values, 0, s.values.length);
        float[] back = roundTrip(TensorQuantizers.ternary(GgmlType.I2_S, TernaryScale.of(s.values).bitnetCpp()), s);
        for (int i = 0; i < back.length; i++) {
            float x = s.values[i];
            assertThat(back[i]).isEqualTo(Math.abs(x) < 1e-6 ? 0 : Math.signum(x) * max);
        }
    }

    static IntStream i2sSeeds() { return IntStream.rangeClosed(1, 6); }

    private static double maxAbs(float[] v, int from, int n) {
        double m = 0;
        for (int i = from; i < from + n; i++) m = Math.max(m, Math.abs(v[i]));
        return m;
    }

    private static float[] negated(float[] v) {
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) r[i] = 0.0f - v[i]; // not -v: a stored zero decodes as +0, never -0
        return r;
    }
}
