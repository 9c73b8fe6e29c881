package bitnet.workbench.app.benchmark;

import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.ModelClosed;
import bitnet.workbench.app.event.BenchmarkStarted;
import bitnet.workbench.app.event.ModelOpened;
import bitnet.workbench.app.event.StatusMessage;
import bitnet.workbench.bench.BenchCsv;
import bitnet.workbench.bench.BenchEvent;
import bitnet.workbench.bench.BenchJson;
import bitnet.workbench.bench.BenchPlan;
import bitnet.workbench.bench.BenchRun;
import bitnet.workbench.bench.BenchRunner;
import bitnet.workbench.bench.MachineInfo;
import bitnet.workbench.model.ModelOptions;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The Benchmark view's state. Runs a {@link BenchRunner} — the same runner, model options and
 * measurement settings as the {@code bench} command — on its own thread, and brings its events to
 * the FX thread in batches at most ten times a second. Run "A" is the run on screen (live, finished
 * or loaded); run "B" is an optional second run overlaid for comparison. Use on the FX thread.
 */
public final class BenchmarkViewModel implements AutoCloseable {
    static final Duration BATCH_INTERVAL = Duration.ofMillis(100);
    public static final String RUN_A = "A";
    public static final String RUN_B = "B";

    private final EventBus bus;
    private final RunLibrary library;
    private final BenchRunner.Settings settings;
    private final SweepSettings sweep = new SweepSettings(Runtime.getRuntime().availableProcessors());
    private final MachineInfo thisMachine = MachineInfo.current();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("workbench-bench").factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("workbench-bench-batches").factory());
    private final List<Consumer<List<BenchEvent>>> liveListeners = new CopyOnWriteArrayList<>();

    private final ReadOnlyObjectWrapper<Path> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper remaining = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose a sweep and press Run.");
    private final ReadOnlyStringWrapper runCaption = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BenchRun> run = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BenchRun> overlay = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> savedTo = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ResultRow> rows = FXCollections.observableArrayList();

    private BenchRunner current;
    private SweepProgress sweepProgress;
    private long startNanos;

    /** @param settings the measurement settings; {@link BenchRunner.Settings#defaults()} is what the CLI uses */
    public BenchmarkViewModel(EventBus bus, Path workbenchHome, BenchRunner.Settings settings) {
        this.bus = Objects.requireNonNull(bus);
        this.library = new RunLibrary(workbenchHome);
        this.settings = Objects.requireNonNull(settings);
        bus.subscribe(ModelOpened.class, e -> model.set(e.path()));
        bus.subscribe(ModelClosed.class, e -> model.set(null));
        runCaption.set("This machine: " + thisMachine.describe());
    }

    public SweepSettings sweep() { return sweep; }
    public RunLibrary library() { return library; }
    public MachineInfo thisMachine() { return thisMachine; }
    public ReadOnlyObjectProperty<Path> modelProperty() { return model.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty elapsedProperty() { return elapsed.getReadOnlyProperty(); }
    public ReadOnlyStringProperty remainingProperty() { return remaining.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** Which machine, JVM and model run A (and B) come from. */
    public ReadOnlyStringProperty runCaptionProperty() { return runCaption.getReadOnlyProperty(); }
    /** Run A once it has finished, been cancelled or been loaded; null while a sweep runs. */
    public ReadOnlyObjectProperty<BenchRun> runProperty() { return run.getReadOnlyProperty(); }
    /** Run B, overlaid for comparison, or null. */
    public ReadOnlyObjectProperty<BenchRun> overlayProperty() { return overlay.getReadOnlyProperty(); }
    /** Where the last finished sweep was saved. */
    public ReadOnlyObjectProperty<Path> savedToProperty() { return savedTo.getReadOnlyProperty(); }
    /** Finished combinations of run A, then those of run B. */
    public ObservableList<ResultRow> rows() { return rows; }

    /** Receives a running sweep's events in batches, on the FX thread, after the view model has applied them. */
    public void addLiveListener(Consumer<List<BenchEvent>> listener) {
        liveListeners.add(Objects.requireNonNull(listener));
    }

    /** Starts the sweep on the open model. Bad choices are reported in the status line, not thrown. */
    public void start() {
        if (running.get()) return;
        BenchPlan plan;
        try {
            plan = sweep.plan(model.get());
        } catch (IllegalArgumentException e) {
            status.set("Cannot run: " + e.getMessage() + ".");
            return;
        }
        BenchRunner runner = new BenchRunner(plan, ModelOptions.defaults(), settings);
        current = runner;
        sweepProgress = new SweepProgress(plan);
        startNanos = System.nanoTime();
        run.set(null);
        savedTo.set(null);
        rows.removeIf(r -> r.run().equals(RUN_A));
        progress.set(0);
        elapsed.set(SweepProgress.clock(0));
        remaining.set("–");
        running.set(true);
        bus.publish(new BenchmarkStarted(plan.model()));
        status.set("Measuring memory bandwidth…");
        ThrottledBatches<BenchEvent> batches = new ThrottledBatches<>(BATCH_INTERVAL, Platform::runLater, timer, this::apply);
        worker.execute(() -> {
            try {
                runner.run(batches::offer);
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                Platform.runLater(() -> failed(runner, why));
            }
        });
    }

    /** Stops the sweep after the token being evaluated; finished combinations stay. */
    public void cancel() {
        BenchRunner r = current;
        if (r != null && running.get()) {
            r.cancel();
            status.set("Cancelling…");
        }
    }

    private void failed(BenchRunner runner, String why) {
        if (runner != current) return;
        current = null;
        running.set(false);
        status.set("The benchmark could not run: " + why);
    }

    private void apply(List<BenchEvent> batch) {
        long now = System.nanoTime();
        BenchRun ended = null;
        for (BenchEvent e : batch) {
            switch (e) {
                case BenchEvent.RunStarted s -> runCaption.set(caption(RUN_A, s.machine(), s.model().describe(), s.startedAt()));
                case BenchEvent.CombinationStarted s -> {
                    sweepProgress.combinationStarted(now);
                    status.set("Running " + s.combination().label() + " (" + (s.index() + 1) + " of "
                        + current.plan().combinations().size() + ")…");
                }
                case BenchEvent.TokenTimed t -> sweepProgress.tokensEvaluated(t.tokens());
                case BenchEvent.CombinationFinished f -> {
                    sweepProgress.combinationEnded();
                    rows.add(rowsOfA(), new ResultRow(RUN_A, f.result()));
                }
                case BenchEvent.CombinationFailed f -> {
                    sweepProgress.combinationEnded();
                    bus.publish(new StatusMessage("Benchmark: " + f.failure().combination().label() + " failed: " + f.failure().message()));
                }
                case BenchEvent.RunFinished f -> ended = f.run();
                case BenchEvent.RunCancelled c -> ended = c.run();
                default -> { }
            }
        }
        progress.set(sweepProgress.fraction());
        elapsed.set(SweepProgress.clock((now - startNanos) / 1e9));
        remaining.set(SweepProgress.clock(sweepProgress.remainingSeconds(now)));
        for (Consumer<List<BenchEvent>> l : liveListeners) l.accept(batch);
        if (ended != null) finished(ended);
    }

    private int rowsOfA() {
        return (int) rows.stream().filter(r -> r.run().equals(RUN_A)).count();
    }

    private void finished(BenchRun done) {
        current = null;
        running.set(false);
        remaining.set(SweepProgress.clock(0));
        String what = (done.cancelled() ? "Cancelled after " : "Finished ") + done.results().size() + " of "
            + done.plan().combinations().size() + " combinations in " + elapsed.get()
            + (done.failures().isEmpty() ? "" : ", " + done.failures().size() + " failed");
        showRunA(done);
        if (done.results().isEmpty()) {
            status.set(what + ".");
            return;
        }
        try {
            savedTo.set(library.save(done));
            status.set(what + "; saved as " + savedTo.get().getFileName() + ".");
        } catch (IOException e) {
            status.set(what + "; could not save it: " + e.getMessage());
        }
    }

    private void showRunA(BenchRun r) {
        rows.removeIf(row -> row.run().equals(RUN_A));
        rows.addAll(0, r.results().stream().map(c -> new ResultRow(RUN_A, c)).toList());
        run.set(r);
        updateCaption();
    }

    /** Shows a saved run as run A. */
    public void load(Path file) {
        if (running.get()) return;
        try {
            showRunA(RunLibrary.load(file));
            status.set("Loaded " + file.getFileName() + ".");
        } catch (IOException e) {
            status.set("Could not load " + file.getFileName() + ": " + e.getMessage());
        }
    }

    /** Overlays a saved run as run B: dashed series on every chart and its rows in the table. */
    public void compareWith(Path file) {
        try {
            BenchRun b = RunLibrary.load(file);
            rows.removeIf(row -> row.run().equals(RUN_B));
            rows.addAll(b.results().stream().map(c -> new ResultRow(RUN_B, c)).toList());
            overlay.set(b);
            updateCaption();
            status.set("Comparing with " + file.getFileName() + " (dashed lines, rows marked B).");
        } catch (IOException e) {
            status.set("Could not load " + file.getFileName() + ": " + e.getMessage());
        }
    }

    public void clearOverlay() {
        rows.removeIf(row -> row.run().equals(RUN_B));
        overlay.set(null);
        updateCaption();
    }

    private void updateCaption() {
        BenchRun a = run.get();
        BenchRun b = overlay.get();
        String text = a == null ? "This machine: " + thisMachine.describe()
            : caption(RUN_A, a.machine(), a.model().describe(), a.startedAt());
        if (b != null) text += "\n" + caption(RUN_B, b.machine(), b.model().describe(), b.startedAt());
        runCaption.set(text);
    }

    private static String caption(String label, MachineInfo m, String model, String startedAt) {
        return "Run " + label + ": " + m.describe() + " · " + model + " · started " + readable(startedAt);
    }

    /** "2026-11-26T09:32:04.890125002Z" -> "2026-11-26 09:32:04 UTC"; anything unparsable as it is. */
    static String readable(String instant) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.parse(instant));
        } catch (RuntimeException e) {
            return instant;
        }
    }

    public void exportCsv(Path file) throws IOException {
        BenchCsv.write(requireRun(), file);
    }

    public void exportJson(Path file) throws IOException {
        BenchJson.write(requireRun(), file);
    }

    private BenchRun requireRun() {
        BenchRun r = run.get();
        if (r == null) throw new IllegalStateException("there is no finished run to export yet");
        return r;
    }

    @Override
    public void close() {
        BenchRunner r = current;
        if (r != null) r.cancel();
        worker.shutdownNow();
        timer.shutdownNow();
    }
}
