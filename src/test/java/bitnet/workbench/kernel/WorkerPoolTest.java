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
    @Timeout(60)
    void aSharedRunDoesAllTheWorkOnceWhicheverThreadsTakePart() {
        try (WorkerPool pool = new WorkerPool(1)) {
            for (int round = 0; round < 300; round++) {
                int threads = 1 + round % 4;
                pool.setThreads(threads);
                int items = 1 + round % 37;
                java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
                AtomicIntegerArray done = new AtomicIntegerArray(items);
                AtomicIntegerArray parts = new AtomicIntegerArray(threads);
                pool.runShared((part, n) -> {
                    parts.incrementAndGet(part);
                    for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) done.incrementAndGet(i);
                });
                for (int i = 0; i < items; i++) assertThat(done.get(i)).as("item %d, round %d", i, round).isEqualTo(1);
                assertThat(parts.get(0)).as("the caller's part").isEqualTo(1);
                for (int p = 1; p < threads; p++) assertThat(parts.get(p)).as("part %d runs at most once", p).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    @Timeout(60)
    void sharedAndPlainRunsAlternateWithoutLosingWorkOrParts() {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int round = 0; round < 200; round++) {
                AtomicIntegerArray seen = new AtomicIntegerArray(3);
                pool.run((part, n) -> seen.incrementAndGet(part));
                for (int p = 0; p < 3; p++) assertThat(seen.get(p)).as("plain run, part %d", p).isEqualTo(1);
                java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
                java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
                pool.runShared((part, n) -> {
                    while (next.getAndIncrement() < 500) done.incrementAndGet();
                });
                assertThat(done.get()).as("shared run, round %d", round).isEqualTo(500);
            }
        }
    }

    @Test
    void threadCountsBelowOneAreRefused() {
        try (WorkerPool pool = new WorkerPool(1)) {
            assertThatThrownBy(() -> pool.setThreads(0)).hasMessageContaining("at least 1");
        }
    }
}
