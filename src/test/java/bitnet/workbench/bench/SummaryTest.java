package bitnet.workbench.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummaryTest {
    @Test
    void quartilesInterpolateBetweenOrderStatisticsLikeNumpy() {
        // numpy.percentile([4, 1, 3, 2], [25, 50, 75]) == [1.75, 2.5, 3.25]
        Summary s = Summary.of(4, 1, 3, 2);
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.q1()).isEqualTo(1.75);
        assertThat(s.q3()).isEqualTo(3.25);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(4);
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.interquartileRange()).isEqualTo(1.5);
    }

    @Test
    void theNinetyFifthPercentileOfTwentyOneValuesIsTheTwentiethSmallest() {
        double[] v = new double[21];
        for (int i = 0; i < v.length; i++) v[i] = i * 10;
        assertThat(Summary.percentile(v, 95)).isEqualTo(190);
        assertThat(Summary.percentile(v, 50)).isEqualTo(100);
    }

    @Test
    void oneValueIsItsOwnSpread() {
        Summary s = Summary.of(7.5);
        assertThat(s).isEqualTo(new Summary(7.5, 7.5, 7.5, 7.5, 7.5, 1));
    }

    @Test
    void nothingCannotBeSummarized() {
        assertThatThrownBy(Summary::of).hasMessageContaining("no values");
    }
}
