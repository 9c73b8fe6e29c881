package bitnet.workbench.app.chat.engine;

import bitnet.workbench.engine.TokenEvent;
import bitnet.workbench.engine.TokenListener;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Carries streamed text from the generating thread to the UI thread at a bounded rate. Tokens are
 * appended to a buffer (a few nanoseconds on the generating thread); at most one hand-over is in
 * flight, and a new one is posted only when {@code minIntervalNanos} has passed since the last, so
 * the UI is updated at most ~1/interval times a second however fast the model is. Text is never
 * lost: {@link #finish()} posts whatever is left. Hand-overs run in order on {@code ui}.
 */
public final class StreamThrottle implements TokenListener {
    /**
     * Ten updates a second: still reads as live typing, and each update (layout, and a repaint
     * that is done in software on machines without a usable GPU, plus handing the whole window's
     * pixels to the display) costs the FX and render threads time the engine would otherwise
     * have on a small machine.
     */
    public static final long DEFAULT_INTERVAL_NANOS = 100_000_000L;

    /**
     * Five updates a second while the engine's threads take every core: the window's CPU (~4.6 ms
     * an update in software rendering, measured) then comes out of the engine's time, and on a
     * 2-core machine decoding 256 tokens with 2 threads lost 3.8 % at ten updates a second and
     * 2.9 % at five (51 and 38 ms of window CPU per second).
     */
    public static final long ALL_CORES_INTERVAL_NANOS = 200_000_000L;

    /** The interval for an engine of {@code engineThreads} threads on a machine of {@code cores} cores. */
    public static long intervalFor(int engineThreads, int cores) {
        return engineThreads >= cores ? ALL_CORES_INTERVAL_NANOS : DEFAULT_INTERVAL_NANOS;
    }

    private final Executor ui;
    private final LongSupplier clock;
    private final long minIntervalNanos;
    private final Consumer<String> sink;
    private final StringBuilder buffer = new StringBuilder();
    private final AtomicBoolean posted = new AtomicBoolean();
    private long lastPost;
    private volatile int handOvers;

    public StreamThrottle(Executor ui, LongSupplier clock, long minIntervalNanos, Consumer<String> sink) {
        this.ui = ui;
        this.clock = clock;
        this.minIntervalNanos = minIntervalNanos;
        this.sink = sink;
        this.lastPost = clock.getAsLong() - minIntervalNanos; // the first token shows at once
    }

    @Override
    public void onToken(TokenEvent event) {
        if (event.text().isEmpty()) return;
        synchronized (buffer) {
            buffer.append(event.text());
        }
        long now = clock.getAsLong();
        if (now - lastPost >= minIntervalNanos && posted.compareAndSet(false, true)) {
            lastPost = now;
            ui.execute(this::handOver);
        }
    }

    /** Posts the text still buffered; call on the generating thread after the generation returns. */
    public void finish() {
        ui.execute(this::handOver);
    }

    /** How many times text was handed to the UI (for measuring the UI's share of the work). */
    public int handOvers() {
        return handOvers;
    }

    private void handOver() {
        String text;
        synchronized (buffer) {
            text = buffer.toString();
            buffer.setLength(0);
            posted.set(false);
        }
        if (!text.isEmpty()) {
            handOvers++;
            sink.accept(text);
        }
    }
}
