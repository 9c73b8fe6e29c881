package bitnet.workbench.app.benchmark;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledBatchesTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void itemsOfferedFasterThanTheIntervalArriveInFewBatchesInOrderAndNoneIsLost() throws Exception {
        List<List<Integer>> batches = new ArrayList<>();
        ThrottledBatches<Integer> t = new ThrottledBatches<>(Duration.ofSeconds(2), Runnable::run, timer, b -> {
            synchronized (batches) {
                batches.add(b);
                batches.notifyAll();
            }
        });
        for (int i = 0; i < 10_000; i++) t.offer(i);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (batches) {
            while (batches.stream().mapToInt(List::size).sum() < 10_000 && System.nanoTime() < deadline) batches.wait(100);
        }
        // the first batch goes out at once, everything offered after it waits for the interval
        assertThat(batches.size()).isBetween(1, 3);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(IntStream.range(0, 10_000).boxed().toList());
    }
}
