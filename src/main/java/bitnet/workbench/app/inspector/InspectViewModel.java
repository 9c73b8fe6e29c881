package bitnet.workbench.app.inspector;

import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.inspect.ActivationCapture;
import bitnet.workbench.inspect.ActivationRecording;
import bitnet.workbench.inspect.ActivationRun;
import bitnet.workbench.inspect.GreedyComparison;
import bitnet.workbench.inspect.ModelStatistics;
import bitnet.workbench.inspect.StatisticsCache;
import bitnet.workbench.inspect.StatisticsScan;
import bitnet.workbench.inspect.TensorStats;
import bitnet.workbench.inspect.TernarizedCopy;
import bitnet.workbench.model.BitLinearInput;
import bitnet.workbench.model.ModelOptions;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * State of the Inspect view. All work (statistics, recording, comparisons) runs on one worker
 * thread of its own, never on the FX thread, and never touches the chat's model: it opens its own
 * mapping of the current file, and its own model instance for recording, so probes exist only on
 * sequences it creates while recording. Statistics start only while the view is showing. Results
 * come back through {@link Platform#runLater}, tensor results batched so a fast scan does not flood
 * the FX queue. Use on the FX thread.
 */
public final class InspectViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InspectViewModel.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-inspect");
        t.setDaemon(true);
        return t;
    });
    private final StatisticsCache cache;

    private final ReadOnlyObjectWrapper<Path> model = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TensorStats> tensors = FXCollections.observableArrayList();
    private final ObservableList<TensorStats> tensorsView = FXCollections.unmodifiableObservableList(tensors);
    private final ReadOnlyObjectWrapper<ModelStatistics> statistics = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Open a model to look inside it.");
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ObjectProperty<TensorStats> selectedTensor = new SimpleObjectProperty<>();

    private final ReadOnlyObjectWrapper<ActivationRecording> recording = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<ActivationCapture>> captures = new ReadOnlyObjectWrapper<>(List.of());
    private final IntegerProperty layer = new SimpleIntegerProperty(0);
    private final IntegerProperty token = new SimpleIntegerProperty(0);
    private final ObjectProperty<BitLinearInput> input = new SimpleObjectProperty<>(BitLinearInput.ATTN_QKV);
    private final ReadOnlyObjectWrapper<GreedyComparison> comparison = new ReadOnlyObjectWrapper<>();

    private final ConcurrentLinkedQueue<TensorStats> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private boolean showing;
    private boolean scanPending;
    private int generation;
    private Future<?> scan;
    /** Touched on the worker thread only. */
    private LoadedModel loaded;
    private Path loadedPath;

    public InspectViewModel(Path cacheDir) {
        this.cache = cacheDir == null ? null : new StatisticsCache(cacheDir);
        layer.addListener((o, a, b) -> recaptureIfNeeded());
        input.addListener((o, a, b) -> recaptureIfNeeded());
    }

    public ReadOnlyObjectProperty<Path> modelProperty() { return model.getReadOnlyProperty(); }
    public ObservableList<TensorStats> tensors() { return tensorsView; }
    /** Set once every tensor is done. */
    public ReadOnlyObjectProperty<ModelStatistics> statisticsProperty() { return statistics.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty scanningProperty() { return scanning.getReadOnlyProperty(); }
    /** True while a recording or comparison runs. */
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ObjectProperty<TensorStats> selectedTensorProperty() { return selectedTensor; }
    public ReadOnlyObjectProperty<ActivationRecording> recordingProperty() { return recording.getReadOnlyProperty(); }
    /** The captured vectors of {@link #layerProperty()}'s {@link #inputProperty()}, one per token. */
    public ReadOnlyObjectProperty<List<ActivationCapture>> capturesProperty() { return captures.getReadOnlyProperty(); }
    public IntegerProperty layerProperty() { return layer; }
    public IntegerProperty tokenProperty() { return token; }
    public ObjectProperty<BitLinearInput> inputProperty() { return input; }
    public ReadOnlyObjectProperty<GreedyComparison> comparisonProperty() { return comparison.getReadOnlyProperty(); }

    /** A model became current: forget everything about the previous one. */
    public void modelOpened(Path path) {
        reset();
        model.set(path);
        status.set("Waiting to compute statistics…");
        scanPending = true;
        if (showing) startScan();
    }

    public void modelClosed() {
        reset();
        model.set(null);
        status.set("Open a model to look inside it.");
    }

    /** The view reports whether it is on screen; statistics are computed only then. */
    public void setShowing(boolean now) {
        showing = now;
        if (now && scanPending) startScan();
    }

    private void reset() {
        generation++;
        if (scan != null) scan.cancel(true);
        scan = null;
        scanPending = false;
        arrived.clear();
        tensors.clear();
        statistics.set(null);
        selectedTensor.set(null);
        recording.set(null);
        captures.set(List.of());
        comparison.set(null);
        error.set(null);
        progress.set(0);
        scanning.set(false);
        running.set(false);
        worker.execute(this::closeLoaded);
    }

    private void startScan() {
        scanPending = false;
        Path path = model.get();
        int gen = generation;
        scanning.set(true);
        progress.set(-1);
        status.set("Computing statistics…");
        scan = worker.submit(() -> {
            try (GgufFile f = GgufFile.open(path)) {
                StatisticsScan.Outcome out = StatisticsScan.run(f, cache, (s, done, total) -> {
                    arrived.add(s);
                    double p = (double) done / total;
                    if (flushScheduled.compareAndSet(false, true)) Platform.runLater(() -> flush(gen, p));
                });
                Platform.runLater(() -> {
                    if (gen != generation) return;
                    flush(gen, 1);
                    statistics.set(out.statistics());
                    scanning.set(false);
                    progress.set(1);
                    status.set(String.format(Locale.ROOT, "%d tensors%s", out.statistics().tensors().size(),
                        out.fromCache() ? " (statistics from the cache)" : ""));
                    if (selectedTensor.get() == null) selectedTensor.set(firstProjection(out.statistics()));
                });
            } catch (CancellationException e) {
                LOG.debug("Statistics of {} cancelled", path);
            } catch (Exception e) {
                fail(gen, "Could not compute statistics of " + path.getFileName() + ": " + message(e));
            }
        });
    }

    private void flush(int gen, double p) {
        flushScheduled.set(false);
        if (gen != generation) return;
        List<TensorStats> batch = new ArrayList<>();
        for (TensorStats s; (s = arrived.poll()) != null; ) batch.add(s);
        tensors.addAll(batch);
        if (p < 1) {
            progress.set(p);
            status.set(String.format(Locale.ROOT, "Computing statistics… %d tensors done", tensors.size()));
        }
    }

    private static TensorStats firstProjection(ModelStatistics s) {
        return s.tensors().stream().filter(t -> t.projection() != null).findFirst()
            .orElse(s.tensors().isEmpty() ? null : s.tensors().getFirst());
    }

    /** Runs {@code prompt} through a separate instance of the model and records the activation scales. */
    public void record(String prompt) {
        Path path = model.get();
        if (path == null || prompt == null || prompt.isBlank()) {
            error.set(path == null ? "Open a model first." : "Type a prompt to record.");
            return;
        }
        int gen = generation;
        int l = layer.get();
        BitLinearInput in = input.get();
        running.set(true);
        error.set(null);
        status.set("Recording activations…");
        worker.execute(() -> {
            try {
                LoadedModel m = loaded(path);
                int capLayer = Math.min(l, m.model().config().blockCount() - 1);
                ActivationRun.Result r = ActivationRun.record(m.model(), m.tokenizer(), prompt, capLayer, in);
                Platform.runLater(() -> {
                    if (gen != generation) return;
                    running.set(false);
                    captures.set(List.of());
                    token.set(Math.min(token.get(), r.recording().tokenCount() - 1));
                    recording.set(r.recording());
                    captures.set(r.captures());
                    if (layer.get() != capLayer) layer.set(capLayer);
                    if (input.get() != in) recaptureIfNeeded();
                    status.set(String.format(Locale.ROOT, "Recorded %d tokens × %d layers", r.recording().tokenCount(), r.recording().layers()));
                });
            } catch (Exception e) {
                fail(gen, "Could not record: " + message(e));
            }
        });
    }

    private void recaptureIfNeeded() {
        ActivationRecording r = recording.get();
        if (r == null || model.get() == null) return;
        List<ActivationCapture> now = captures.get();
        int l = layer.get();
        BitLinearInput in = input.get();
        if (!now.isEmpty() && now.getFirst().layer() == l && now.getFirst().input() == in) return;
        if (l < 0 || l >= r.layers()) return;
        int gen = generation;
        Path path = model.get();
        running.set(true);
        worker.execute(() -> {
            try {
                LoadedModel m = loaded(path);
                ActivationRun.Result res = ActivationRun.record(m.model(), m.tokenizer(), r.prompt(), l, in);
                Platform.runLater(() -> {
                    if (gen != generation || recording.get() != r) return;
                    running.set(false);
                    if (layer.get() == l && input.get() == in) captures.set(res.captures());
                });
            } catch (Exception e) {
                fail(gen, "Could not capture the activation vector: " + message(e));
            }
        });
    }

    /** Greedy continuation of {@code prompt} by the float model and by its absmean-ternarized copy. */
    public void compare(String prompt, int tokens) {
        Path path = model.get();
        if (path == null || prompt == null || prompt.isBlank()) {
            error.set(path == null ? "Open a model first." : "Type a prompt to compare.");
            return;
        }
        int gen = generation;
        running.set(true);
        error.set(null);
        status.set("Ternarizing a copy and generating…");
        worker.execute(() -> {
            try {
                LoadedModel m = loaded(path);
                try (TernarizedCopy copy = TernarizedCopy.of(m.file(), ModelOptions.defaults())) {
                    GreedyComparison g = GreedyComparison.run(m.model(), copy.model().model(), m.tokenizer(), prompt, tokens);
                    Platform.runLater(() -> {
                        if (gen != generation) return;
                        running.set(false);
                        comparison.set(g);
                        status.set("Compared " + tokens + " greedy tokens");
                    });
                }
            } catch (Exception e) {
                fail(gen, "Could not compare: " + message(e));
            }
        });
    }

    private LoadedModel loaded(Path path) throws java.io.IOException {
        if (loaded != null && path.equals(loadedPath)) return loaded;
        closeLoaded();
        loaded = LoadedModel.open(path, ModelOptions.defaults());
        loadedPath = path;
        return loaded;
    }

    private void closeLoaded() {
        if (loaded != null) loaded.close();
        loaded = null;
        loadedPath = null;
    }

    private void fail(int gen, String text) {
        Platform.runLater(() -> {
            if (gen != generation) return;
            scanning.set(false);
            running.set(false);
            error.set(text);
            status.set(text);
        });
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        generation++;
        worker.execute(this::closeLoaded);
        worker.shutdown();
    }
}
