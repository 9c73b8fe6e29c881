package bitnet.workbench.app.chat.engine;

import bitnet.workbench.engine.TokenEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;

class StreamThrottleTest {
    private long now;
    private final Queue<Runnable> uiQueue = new ArrayDeque<>();
    private final List<String> received = new ArrayList<>();

    private StreamThrottle throttle(long intervalNanos) {
        return new StreamThrottle(uiQueue::add, () -> now, intervalNanos, received::add);
    }

    private void runUi() {
        while (!uiQueue.isEmpty()) uiQueue.poll().run();
    }

    private static TokenEvent token(int i, String text) {
        return new TokenEvent(i, i, text, 1);
    }

    @Test
    void aFastModelIsShownAtMostAboutThirtyTimesASecondAndNoTextIsLost() {
        StreamThrottle t = throttle(33_000_000L);
        StringBuilder all = new StringBuilder();
        // 2,000 tokens in one second (0.5 ms apart); the UI thread runs every 4 ms
        for (int i = 0; i < 2000; i++) {
            now = i * 500_000L;
            String piece = "t" + i + " ";
            all.append(piece);
            t.onToken(token(i, piece));
            if (i % 8 == 0) runUi();
        }
        t.finish();
        runUi();
        assertThat(String.join("", received)).isEqualTo(all.toString());
        assertThat(t.handOvers()).isBetween(25, 32); // one per 33 ms of one second, plus the last
        assertThat(received.size()).isEqualTo(t.handOvers());
    }

    @Test
    void theWindowUpdatesLessOftenWhenTheEngineTakesEveryCore() {
        assertThat(StreamThrottle.intervalFor(1, 2)).isEqualTo(StreamThrottle.DEFAULT_INTERVAL_NANOS).isEqualTo(100_000_000L);
        assertThat(StreamThrottle.intervalFor(3, 8)).isEqualTo(StreamThrottle.DEFAULT_INTERVAL_NANOS);
        assertThat(StreamThrottle.intervalFor(2, 2)).isEqualTo(StreamThrottle.ALL_CORES_INTERVAL_NANOS).isEqualTo(200_000_000L);
        assertThat(StreamThrottle.intervalFor(1, 1)).isEqualTo(StreamThrottle.ALL_CORES_INTERVAL_NANOS);
        assertThat(StreamThrottle.intervalFor(4, 2)).isEqualTo(StreamThrottle.ALL_CORES_INTERVAL_NANOS);
    }

    @Test
    void aSlowModelHasEveryTokenShownAsItArrives() {
        StreamThrottle t = throttle(StreamThrottle.DEFAULT_INTERVAL_NANOS);
        assertThat(StreamThrottle.DEFAULT_INTERVAL_NANOS).isLessThanOrEqualTo(100_000_000L);
        for (int i = 0; i < 5; i++) {
            now = i * 100_000_000L; // 10 tokens/s
            t.onToken(token(i, "w" + i));
            runUi();
            assertThat(received).hasSize(i + 1).last().isEqualTo("w" + i);
        }
    }

    @Test
    void whileTheUiIsBusyOnlyOneHandOverIsPending() {
        StreamThrottle t = throttle(StreamThrottle.DEFAULT_INTERVAL_NANOS);
        for (int i = 0; i < 100; i++) {
            now = i * 100_000_000L; // every token is past the interval, but the UI never runs
            t.onToken(token(i, "x"));
        }
        assertThat(uiQueue).hasSize(1);
        runUi();
        assertThat(received).containsExactly("x".repeat(100));
    }

    @Test
    void emptyPiecesCauseNoUpdates() {
        StreamThrottle t = throttle(0);
        t.onToken(token(0, ""));
        t.finish();
        runUi();
        assertThat(received).isEmpty();
        assertThat(t.handOvers()).isZero();
    }
}
