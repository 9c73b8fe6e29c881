package bitnet.workbench.tensor;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TernaryScaleTest {

    @Test
    void absmeanIsTheMeanMagnitudeOfGeneralWeights() {
        TernaryScale s = TernaryScale.of(new float[]{0.5f, -1.5f, 0, 2.0f});
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.meanAbs()).isEqualTo(1.0);
        assertThat(s.maxAbs()).isEqualTo(2.0f);
        assertThat(s.isExactlyTernary()).isFalse();
        assertThat(s.absmean().scale()).isEqualTo(1.0f);
        // round(w / 1.0) clamped: 0.5 rounds to even (0), -1.5 to -2 then clamps to -1
        assertThat(s.absmean().code(0.5f)).isZero();
        assertThat(s.absmean().code(0.5000001f)).isEqualTo(1);
        assertThat(s.absmean().code(-1.5f)).isEqualTo(-1);
        assertThat(s.absmean().code(100f)).isEqualTo(1);
    }

    @Test
    void alreadyTernaryWeightsKeepTheirOwnScaleInsteadOfTheSmallerMean() {
        TernaryScale s = TernaryScale.of(new float[]{0.25f, 0, -0.25f, 0, 0, 0.25f});
        assertThat(s.meanAbs()).isEqualTo(0.125);
        assertThat(s.isExactlyTernary()).isTrue();
        assertThat(s.absmean().scale()).isEqualTo(0.25f);
    }

    @Test
    void allZeroTensorsGetScaleZeroAndZeroCodes() {
        Ternarization.RoundToScale rule = TernaryScale.of(new float[8]).absmean();
        assertThat(rule.scale()).isZero();
        assertThat(rule.code(0)).isZero();
    }

    @Test
    void scanningInPartsAndMergingEqualsOneScan() {
        float[] v = RandomTensors.mixed(new SplittableRandom(3), 1000, 2);
        TernaryScale whole = TernaryScale.of(v);
        TernaryScale a = new TernaryScale().add(v, 0, 300);
        TernaryScale b = new TernaryScale().add(v, 300, 700);
        a.merge(b);
        assertThat(a.count()).isEqualTo(whole.count());
        assertThat(a.maxAbs()).isEqualTo(whole.maxAbs());
        assertThat(a.meanAbs()).isCloseTo(whole.meanAbs(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.isExactlyTernary()).isEqualTo(whole.isExactlyTernary());

        TernaryScale t1 = TernaryScale.of(new float[]{0.5f, 0});
        TernaryScale t2 = TernaryScale.of(new float[]{0, -0.5f});
        assertThat(t1.merge(t2).isExactlyTernary()).isTrue();
        assertThat(t1.merge(TernaryScale.of(new float[]{0.25f})).isExactlyTernary()).isFalse();
    }

    @Test
    void bitnetCppRuleUsesTheMaximumAndTheSign() {
        Ternarization.SignTimesMax rule = TernaryScale.of(new float[]{0.1f, -3f, 1e-7f}).bitnetCpp();
        assertThat(rule.scale()).isEqualTo(3f);
        assertThat(rule.code(0.1f)).isEqualTo(1);
        assertThat(rule.code(-0.001f)).isEqualTo(-1);
        assertThat(rule.code(9e-7f)).isZero();
    }
}
