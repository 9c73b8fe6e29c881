package bitnet.workbench.app.benchmark;

import bitnet.workbench.bench.BenchPlan;
import bitnet.workbench.bench.Summary;
import bitnet.workbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepLogicTest {
    private static final Path MODEL = Path.of("m.gguf");

    @Test
    void theQuickPresetSweepsOneAndAllCoresAndTheFullPresetEveryCount() {
        assertThat(SweepPreset.QUICK.threads(1)).containsExactly(1);
        assertThat(SweepPreset.QUICK.threads(8)).containsExactly(1, 8);
        assertThat(SweepPreset.FULL.threads(4)).containsExactly(1, 2, 3, 4);
        assertThat(SweepPreset.FULL.threads(48)).containsExactly(1, 2, 4, 8, 16, 32, 48);
    }

    @Test
    void settingsBecomeThePlanTheBenchCommandWouldRun() {
        SweepSettings s = new SweepSettings(4);
        s.apply(SweepPreset.FULL);
        BenchPlan plan = s.plan(MODEL);
        assertThat(plan).isEqualTo(new BenchPlan(MODEL.toAbsolutePath(), List.of(1, 2, 3, 4), Kernels.names(), BenchPlan.DEFAULT_PROMPT_TOKENS,
            BenchPlan.DEFAULT_DECODE_TOKENS, BenchPlan.DEFAULT_REPETITIONS, BenchPlan.DEFAULT_WARMUP, BenchPlan.DEFAULT_SEED));
        s.decodeAfterPromptProperty().set(true);
        assertThat(s.plan(MODEL).decodeAfterPrompt()).isTrue();
        assertThat(s.plan(MODEL).decodeStart()).isEqualTo(BenchPlan.DEFAULT_PROMPT_TOKENS);
    }

    @Test
    void threadCountsStayAscendingWhateverOrderTheyAreTicked() {
        SweepSettings s = new SweepSettings(4);
        s.setThreadChosen(1, false);
        s.setThreadChosen(3, true);
        s.setThreadChosen(2, true);
        s.setThreadChosen(2, true);
        assertThat(s.threads()).containsExactly(2, 3, 4);
    }

    @Test
    void anEmptyChoiceOrNoModelIsRefusedInPlainWords() {
        SweepSettings s = new SweepSettings(2);
        assertThatThrownBy(() -> s.plan(null)).hasMessage("open a model first (Models page)");
        s.setThreadChosen(1, false);
        s.setThreadChosen(2, false);
        assertThatThrownBy(() -> s.plan(MODEL)).hasMessage("choose at least one thread count");
        s.apply(SweepPreset.QUICK);
        s.repetitionsProperty().set(0);
        assertThatThrownBy(() -> s.plan(MODEL)).hasMessageContaining("repetitions must be at least 1");
    }

    @Test
    void progressCountsTokensOfFinishedAndRunningCombinationsAndExtrapolatesTheRest() {
        // 2 combinations x (1 warm-up + 2 timed) x (10 prompt + 5 decode) = 90 tokens
        BenchPlan plan = new BenchPlan(MODEL, List.of(1, 2), List.of(Kernels.DEFAULT), 10, 5, 2, 1, 1);
        SweepProgress p = new SweepProgress(plan);
        assertThat(p.remainingSeconds(0)).isEqualTo(-1);
        p.combinationStarted(1_000_000_000L);
        p.tokensEvaluated(10);
        p.tokensEvaluated(5);
        assertThat(p.tokensDone()).isEqualTo(15);
        assertThat(p.fraction()).isEqualTo(15 / 90.0);
        // 15 tokens in 3 s: 75 more take 15 s
        assertThat(p.remainingSeconds(4_000_000_000L)).isEqualTo(15.0);
        p.combinationEnded(); // e.g. failed after 15 tokens: its whole share counts as done
        assertThat(p.tokensDone()).isEqualTo(45);
        p.combinationStarted(5_000_000_000L);
        p.tokensEvaluated(1000);
        assertThat(p.tokensDone()).isEqualTo(90);
        assertThat(p.fraction()).isEqualTo(1.0);
    }

    @Test
    void clockShowsMinutesAndSecondsOrHours() {
        assertThat(SweepProgress.clock(0)).isEqualTo("0:00");
        assertThat(SweepProgress.clock(75.4)).isEqualTo("1:15");
        assertThat(SweepProgress.clock(3725)).isEqualTo("1:02:05");
        assertThat(SweepProgress.clock(-1)).isEqualTo("–");
    }

    @Test
    void figuresShowTheMedianWithItsRange() {
        assertThat(Figures.summary(Summary.of(12.34, 11.9, 12.8))).isEqualTo("12.3 (11.9–12.8)");
        assertThat(Figures.summaryLines(Summary.of(12.34, 11.9, 12.8))).isEqualTo("12.3\n11.9–12.8");
        assertThat(Figures.summary(Summary.of(1234.4))).isEqualTo("1234");
        assertThat(Figures.number(0.01234)).isEqualTo("0.0123");
        assertThat(Figures.percent(0.4567)).isEqualTo("45.7 %");
        assertThat(Figures.percent(0.01234)).isEqualTo("1.23 %");
        assertThat(Figures.number(Double.NaN)).isEqualTo("–");
    }
}
