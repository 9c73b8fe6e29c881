package bitnet.workbench.app.benchmark;

import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.GenerationProgress;
import bitnet.workbench.app.event.TokensPerSecondMeasured;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LiveGenerationTest {
    private final EventBus bus = new EventBus(Runnable::run);
    private final AtomicLong nanos = new AtomicLong();
    private final LiveGeneration live = new LiveGeneration(bus, nanos::get);

    private void at(long millis, GenerationProgress e) {
        nanos.set(millis * 1_000_000);
        bus.publish(e);
    }

    @Test
    void progressEventsShowSpeedTokensAndMemoryWithAtMostOnePointPerTenthOfASecond() {
        at(0, new GenerationProgress(1, 10.0, false));
        at(50, new GenerationProgress(2, 20.0, false));   // too soon: skipped
        at(120, new GenerationProgress(3, 30.0, false));
        at(130, new GenerationProgress(4, 40.0, true));   // the last one always counts

        assertThat(live.curve().getItemCount()).isEqualTo(3);
        assertThat(live.curve().getX(0).doubleValue()).isEqualTo(1);
        assertThat(live.curve().getY(1).doubleValue()).isEqualTo(30.0);
        assertThat(live.curve().getY(2).doubleValue()).isEqualTo(40.0);
        assertThat(live.speedProperty().get()).isEqualTo("40.0 tok/s");
        assertThat(live.tokensProperty().get()).isEqualTo("4 tokens");
        assertThat(live.memoryProperty().get()).matches("RSS [0-9.]+ (KiB|MiB|GiB) · heap [0-9.]+ (KiB|MiB|GiB)");
        assertThat(live.stateProperty().get()).isEqualTo("Last generation");
    }

    @Test
    void theNextGenerationStartsAFreshCurve() {
        at(0, new GenerationProgress(5, 10.0, false));
        at(200, new GenerationProgress(9, 11.0, true));
        at(400, new GenerationProgress(1, 12.0, false));
        assertThat(live.curve().getItemCount()).isEqualTo(1);
        assertThat(live.stateProperty().get()).isEqualTo("Generating…");
        bus.publish(new TokensPerSecondMeasured(7.34));
        assertThat(live.speedProperty().get()).isEqualTo("7.3 tok/s");
        live.close();
        at(800, new GenerationProgress(2, 99.0, false));
        assertThat(live.curve().getItemCount()).isEqualTo(1);
    }

    @Test
    void whileNoViewShowsItTheCurveKeepsItsPointsWithoutRedrawingAndMemoryIsReadWhenShownAgain() {
        int[] redraws = new int[1];
        live.curve().addChangeListener(e -> redraws[0]++);
        live.setShown(false);
        at(0, new GenerationProgress(1, 10.0, false));
        at(200, new GenerationProgress(2, 20.0, false));
        assertThat(live.curve().getItemCount()).isEqualTo(2);
        assertThat(redraws[0]).isZero();
        assertThat(live.memoryProperty().get()).isEqualTo("RSS –");
        assertThat(live.tokensProperty().get()).isEqualTo("2 tokens");

        live.setShown(true);
        assertThat(redraws[0]).isEqualTo(1); // one redraw with everything
        assertThat(live.memoryProperty().get()).startsWith("RSS ").contains(" · heap ");
    }
}
