package bitnet.workbench.bench;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryBandwidthTest {
    @Test
    void theVectorSumEqualsAPlainLoopOverTheSameLongs() {
        try (Arena arena = Arena.ofConfined()) {
            int longs = 4096;
            MemorySegment m = arena.allocate(longs * 8L, 64);
            SplittableRandom random = new SplittableRandom(3);
            long expected = 0;
            for (int i = 0; i < longs; i++) {
                long v = random.nextLong();
                m.setAtIndex(ValueLayout.JAVA_LONG, i, v);
                if (i >= 512 && i < 3584) expected += v;
            }
            assertThat(MemoryBandwidth.sum(m, 512 * 8, 3584 * 8)).isEqualTo(expected);
        }
    }

    @Test
    void aMeasurementReportsAPositiveRateForTheThreadsAndPassesItUsed() {
        try (MemoryBandwidth bw = new MemoryBandwidth(2L << 20)) {
            BandwidthMeasurement m = bw.measure(2, 3, Duration.ofSeconds(5), () -> false);
            assertThat(m.threads()).isEqualTo(2);
            assertThat(m.passes()).isEqualTo(3);
            assertThat(m.arrayBytes()).isLessThanOrEqualTo(2L << 20).isGreaterThan(1L << 20);
            assertThat(m.bytesPerSecond()).isPositive().isFinite();
        }
    }

    @Test
    void aCancelledMeasurementStopsAfterTheFirstPasses() {
        try (MemoryBandwidth bw = new MemoryBandwidth(1L << 20)) {
            assertThat(bw.measure(1, 50, Duration.ofSeconds(5), () -> true).passes()).isZero();
        }
    }

    @Test
    void tooSmallAnArrayIsRefused() {
        assertThatThrownBy(() -> new MemoryBandwidth(1024)).hasMessageContaining("must hold at least");
    }
}
