package bitnet.workbench.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerPoolTest {
    @Test
    @Timeout(60)
    void everyPartRunsExactlyOnceAcrossThreadCountChanges() {
        try (WorkerPool pool = new WorkerPool(1)) {
            for (int round = 0; round < 300; round++) {
                int threads = 1 + round % 4;
                pool.setThreads(threads);   // a dispatch right after starting workers must reach them
                assertThat(pool.threads()).isEqualTo(threads);
                AtomicIntegerArray seen = new AtomicIntegerArray(threads);
                pool.run((part, parts) -> {
                    assertThat(parts).isEqualTo(threads);
                    seen.incrementAndGet(part);
                });
                for (int i = 0; i < threads; i++) assertThat(seen.get(i)).as("part %d of %d", i, threads).isEqualTo(1);
            }
        }
    }

    @Test
    @Timeout(60)
    void aFailingPartIsRethrownToTheCallerAndThePoolStaysUsable() {
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThatThrownBy(() -> pool.run((part, parts) -> {
                if (part == 1) throw new IllegalStateException("part 1 failed");
            })).hasMessage("part 1 failed");
            int[] ran = new int[2];
            pool.run((part, parts) -> ran[part]++);
            assertThat(ran).containsExactly(1, 1);
        }
    }

    @Test
    void threadCountsBelowOneAreRefused() {
        try (WorkerPool pool = new WorkerPool(1)) {
            assertThatThrownBy(() -> pool.setThreads(0)).hasMessageContaining("at least 1");
        }
    }
}
