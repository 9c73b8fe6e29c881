package bitnet.workbench.app.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Collects items offered from any thread and hands them over in batches on the delivery executor
 * (the FX thread), at most one batch per {@code minInterval}. A benchmark emits an event per token,
 * hundreds per second on a small model; charts redraw once per batch instead.
 */
final class ThrottledBatches<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final long minIntervalNanos;
    private final Executor delivery;
    private final ScheduledExecutorService timer;
    private final Consumer<List<T>> sink;
    private volatile long lastDeliveryNanos = System.nanoTime() - Long.MAX_VALUE / 4;

    ThrottledBatches(Duration minInterval, Executor delivery, ScheduledExecutorService timer, Consumer<List<T>> sink) {
        this.minIntervalNanos = minInterval.toNanos();
        this.delivery = Objects.requireNonNull(delivery);
        this.timer = Objects.requireNonNull(timer);
        this.sink = Objects.requireNonNull(sink);
    }

    void offer(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastDeliveryNanos + minIntervalNanos - System.nanoTime());
            timer.schedule(() -> delivery.execute(this::deliver), wait, TimeUnit.NANOSECONDS);
        }
    }

    private void deliver() {
        lastDeliveryNanos = System.nanoTime();
        scheduled.set(false); // items offered from now on go into the next batch
        List<T> batch = new ArrayList<>();
        for (T item; (item = queue.poll()) != null; ) batch.add(item);
        if (!batch.isEmpty()) sink.accept(batch);
    }
}
