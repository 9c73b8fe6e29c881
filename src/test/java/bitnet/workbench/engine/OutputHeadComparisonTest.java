package bitnet.workbench.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OutputHeadComparisonTest {
    @Test
    void aPositionReportsTheLargestAndMeanDifferenceAndHowTheRankingsAgree() {
        float[] reference = {0f, 5f, 1f, 4f, 3f, 2f, -1f};
        float[] other = {0.5f, 4.9f, 1f, 4.2f, 3f, 2.5f, -1f};
        var p = OutputHeadComparison.compare(3, reference, other);
        assertThat(p.index()).isEqualTo(3);
        assertThat(p.maxAbsDiff()).isCloseTo(0.5, within(1e-6));
        assertThat(p.meanAbsDiff()).isCloseTo((0.5 + 0.1 + 0 + 0.2 + 0 + 0.5 + 0) / 7, within(1e-6));
        assertThat(p.logitRange()).isCloseTo(6.0, within(1e-9));
        assertThat(p.top1Equal()).isTrue();
        // reference top 5: 1,3,4,5,2; other: 1,3,4,5,2 -> all shared
        assertThat(p.top5Shared()).isEqualTo(5);
    }

    @Test
    void aSwappedLeaderIsNotTheSameTopToken() {
        var p = OutputHeadComparison.compare(0, new float[] {1f, 2f, 0f}, new float[] {2.1f, 2f, 0f});
        assertThat(p.top1Equal()).isFalse();
        assertThat(p.top5Shared()).isEqualTo(3);
        assertThat(OutputHeadComparison.top(new float[] {3f, 1f, 3f, 2f}, 3)).containsExactly(0, 2, 3);
    }
}
