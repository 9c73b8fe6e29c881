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
    /** Sums of {@code [from, to)} in both reading patterns equal a plain loop, for random ranges and numbers of runs. */
    @Test
    void bothReadingPatternsSumTheSameLongsAsAPlainLoop() {
        try (Arena arena = Arena.ofConfined()) {
            int longs = 9000;
            MemorySegment m = arena.allocate(longs * 8L, 64);
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < longs; i++) m.setAtIndex(ValueLayout.JAVA_LONG, i, random.nextLong());
            for (int trial = 0; trial < 200; trial++) {
                int from = random.nextInt(longs);
                int to = from + random.nextInt(longs - from + 1);
                int streams = 1 + random.nextInt(12);
                long expected = 0;
                for (int i = from; i < to; i++) expected += m.getAtIndex(ValueLayout.JAVA_LONG, i);
                assertThat(MemoryBandwidth.sum(m, from * 8L, to * 8L, streams))
                    .as("longs [%d, %d) in %d streams", from, to, streams).isEqualTo(expected);
                // the one-stream loop reads whole unrolled steps, as the probe's slices are cut
                int unrolled = (int) (4L * jdk.incubator.vector.LongVector.SPECIES_PREFERRED.vectorByteSize() / 8);
                int end = from + (to - from) / unrolled * unrolled;
                long whole = 0;
                for (int i = from; i < end; i++) whole += m.getAtIndex(ValueLayout.JAVA_LONG, i);
                assertThat(MemoryBandwidth.sum(m, from * 8L, end * 8L)).as("longs [%d, %d) in one stream", from, end).isEqualTo(whole);
            }
        }
    }

    @Test
    void aMeasurementReportsAPositiveRateForTheThreadsAndPassesItUsed() {
        try (MemoryBandwidth bw = new MemoryBandwidth(2L << 20)) {
            BandwidthMeasurement m = bw.measure(2, 3, Duration.ofSeconds(5), () -> false);
            assertThat(m.threads()).isEqualTo(2);
            assertThat(m.passes()).isEqualTo(3);
            assertThat(m.streamsPerThread()).isIn(1, MemoryBandwidth.STREAMS);
            assertThat(m.arrayBytes()).isLessThanOrEqualTo(2L << 20).isGreaterThan(1L << 20);
            assertThat(m.bytesPerSecond()).isPositive().isFinite();
        }
    }

    @Test
    void aCancelledMeasurementStopsAfterTheFirstPasses() {
        try (MemoryBandwidth bw = new MemoryBandwidth(1L << 20)) {
            BandwidthMeasurement m = bw.measure(1, 50, Duration.ofSeconds(5), () -> true);
            assertThat(m.passes()).isZero();
            assertThat(m.streamsPerThread()).isZero();
        }
    }

    @Test
    void tooSmallAnArrayIsRefused() {
        assertThatThrownBy(() -> new MemoryBandwidth(1024)).hasMessageContaining("must hold at least");
    }
}
