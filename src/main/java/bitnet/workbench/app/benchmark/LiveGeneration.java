package bitnet.workbench.app.benchmark;

import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.GenerationProgress;
import bitnet.workbench.app.event.TokensPerSecondMeasured;
import bitnet.workbench.app.format.Units;
import bitnet.workbench.bench.ProcessMemory;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Subscription;
import org.jfree.data.xy.XYSeries;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The state behind {@link LiveGenerationPanel}: the running generation's speed and token count as
 * published with {@link GenerationProgress}, and the process's memory read alongside. The speed
 * curve takes at most one point per {@value #MIN_INTERVAL_MILLIS} ms (and always the last), so a
 * fast model cannot flood the chart. Use on the FX thread (the event bus delivers there).
 */
public final class LiveGeneration implements AutoCloseable {
    static final long MIN_INTERVAL_MILLIS = 100;

    private final ReadOnlyStringWrapper speed = new ReadOnlyStringWrapper("– tok/s");
    private final ReadOnlyStringWrapper tokens = new ReadOnlyStringWrapper("no generation yet");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper("RSS –");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("Idle: start a chat to see it here.");
    private final XYSeries curve = new XYSeries("decode tokens/s", true, true);
    private final ProcessMemory process = new ProcessMemory(null);
    private final LongSupplier clock;
    private final Subscription subscriptions;
    private int lastTokens = -1;
    private boolean lastFinished = true;
    private long lastPointNanos;
    private boolean shown = true;

    public LiveGeneration(EventBus bus) {
        this(bus, System::nanoTime);
    }

    LiveGeneration(EventBus bus, LongSupplier clock) {
        this.clock = clock;
        Subscription progress = bus.subscribe(GenerationProgress.class, this::onProgress);
        Subscription measured = bus.subscribe(TokensPerSecondMeasured.class,
            e -> speed.set(String.format(Locale.ROOT, "%.1f tok/s", e.tokensPerSecond())));
        subscriptions = progress.and(measured);
    }

    public ReadOnlyStringProperty speedProperty() { return speed.getReadOnlyProperty(); }
    public ReadOnlyStringProperty tokensProperty() { return tokens.getReadOnlyProperty(); }
    public ReadOnlyStringProperty memoryProperty() { return memory.getReadOnlyProperty(); }
    public ReadOnlyStringProperty stateProperty() { return state.getReadOnlyProperty(); }

    /**
     * Whether a view shows these figures. While none does (the panel's page is not in front), the
     * curve still takes its points but the chart is not redrawn, and memory is not read, on every
     * event: that work would run on the FX thread while the engine generates.
     */
    public void setShown(boolean shown) {
        if (this.shown == shown) return;
        this.shown = shown;
        curve.setNotify(shown); // turning notification back on redraws the chart once, with every point
        if (shown) readMemory();
    }

    /** Decode speed against tokens decoded, for the current (or last) generation. */
    XYSeries curve() { return curve; }

    private void onProgress(GenerationProgress e) {
        long now = clock.getAsLong();
        boolean newGeneration = lastFinished || e.tokens() < lastTokens;
        if (newGeneration) {
            curve.clear();
            lastPointNanos = now - MIN_INTERVAL_MILLIS * 1_000_000;
        }
        lastTokens = e.tokens();
        lastFinished = e.finished();
        if (!e.finished() && now - lastPointNanos < MIN_INTERVAL_MILLIS * 1_000_000) return;
        lastPointNanos = now;
        if (e.tokens() > 0 && Double.isFinite(e.tokensPerSecond())) curve.addOrUpdate(e.tokens(), e.tokensPerSecond());
        speed.set(String.format(Locale.ROOT, "%.1f tok/s", e.tokensPerSecond()));
        tokens.set(e.tokens() + (e.tokens() == 1 ? " token" : " tokens"));
        if (shown) readMemory();
        state.set(e.finished() ? "Last generation" : "Generating…");
    }

    private void readMemory() {
        ProcessMemory.Snapshot s = process.snapshot(false);
        memory.set("RSS " + (s.rssBytes() < 0 ? "–" : Units.bytes(s.rssBytes())) + " · heap " + Units.bytes(ProcessMemory.heapUsedBytes()));
    }

    @Override
    public void close() {
        subscriptions.unsubscribe();
    }
}
