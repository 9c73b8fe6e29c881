package bitnet.workbench.bench;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Samples the process's memory on a background daemon thread at a fixed interval and hands each
 * {@link MemorySample} to a consumer (on the sampler's thread). Stopping waits for the thread.
 */
public final class MemorySampler implements AutoCloseable {
    /**
     * Four samples a second: the charts still show every phase of a repetition, and the sampler
     * takes ~0.1 % of a core (at ten a second, with the mapping read every half second, it took
     * ~1–1.5 %, which a 2-thread run on a 2-core machine pays in speed).
     */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    /**
     * The mapped model's residency is read on every this-many samples (every five seconds by
     * default) and repeated in between: reading it walks the mapping's page tables (3–16 ms for
     * the 800 MB 2B4T file here), while the resident set and heap cost ~0.2–0.5 ms. Every
     * combination ends with a full sample, so its reported figure is always read fresh.
     */
    public static final int MAPPED_EVERY = 20;

    private final ProcessMemory memory;
    private volatile long lastMapped = -1;
    private final long startNanos;
    private final Duration interval;
    private final Consumer<MemorySample> consumer;
    private Thread thread;
    private volatile boolean running;

    /** @param startNanos the {@link System#nanoTime()} that samples count their elapsed time from */
    public MemorySampler(ProcessMemory memory, long startNanos, Duration interval, Consumer<MemorySample> consumer) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.startNanos = startNanos;
        this.interval = Objects.requireNonNull(interval, "interval");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("the sampling interval must be positive, got " + interval);
    }

    /** Reads every memory figure now, on the calling thread. */
    public MemorySample sample() {
        return sample(true);
    }

    private MemorySample sample(boolean readMapped) {
        ProcessMemory.Snapshot s = memory.snapshot(readMapped);
        long mapped = s.mappedFileBytes();
        if (readMapped) lastMapped = mapped;
        else mapped = lastMapped;
        return new MemorySample(System.nanoTime() - startNanos, s.rssBytes(), s.peakRssBytes(), mapped,
            ProcessMemory.heapUsedBytes(), ProcessMemory.processCpuNanos());
    }

    public synchronized void start() {
        if (thread != null) throw new IllegalStateException("the sampler has already been started");
        running = true;
        thread = Thread.ofPlatform().daemon().name("bench-memory-sampler").start(this::loop);
    }

    private void loop() {
        long periodNanos = interval.toNanos();
        long next = System.nanoTime();
        long count = 0;
        while (running) {
            consumer.accept(sample(count++ % MAPPED_EVERY == 0));
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait < 0) next = System.nanoTime(); // fell behind: do not burst to catch up
            else LockSupport.parkNanos(wait);
        }
    }

    /** Stops the thread and waits until it has delivered its last sample. */
    @Override
    public synchronized void close() {
        running = false;
        if (thread == null) return;
        // unpark rather than interrupt: an interrupt would abort a /proc read mid-sample
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
