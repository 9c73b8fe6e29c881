package bitnet.workbench.app.models;

import bitnet.workbench.app.event.BenchmarkStarted;
import bitnet.workbench.app.event.EngineSettingsChanged;
import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.ModelClosed;
import bitnet.workbench.app.event.ModelOpened;
import bitnet.workbench.app.event.OpenModelRequested;
import bitnet.workbench.app.event.PageRequested;
import bitnet.workbench.app.event.StatusMessage;
import bitnet.workbench.app.page.PageId;
import bitnet.workbench.app.settings.RecentModels;
import bitnet.workbench.engine.EngineWarmUp;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;

import java.nio.file.Path;
import java.util.List;

/**
 * State of the Models view: the open model and what is shown about it, loading progress, the last
 * error, the recent list and the tensor filter. Outward everything is read-only except the filter
 * text, which is the view's input. Use on the FX thread.
 */
public final class ModelsViewModel {
    private final ModelService service;
    private final EventBus bus;
    private final RecentModels recent;

    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper loadingText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper reloadNeeded = new ReadOnlyBooleanWrapper();
    private final ObservableList<TensorRow> tensors = FXCollections.observableArrayList();
    private final FilteredList<TensorRow> visibleTensors = new FilteredList<>(tensors);
    private final ObservableList<MetadataEntry> metadata = FXCollections.observableArrayList();
    // Made once: an unmodifiable view listens weakly to its source, so a view created per call
    // can be collected and silently stop telling its own listeners about changes.
    private final ObservableList<TensorRow> allTensorsView = FXCollections.unmodifiableObservableList(tensors);
    private final ObservableList<MetadataEntry> metadataView = FXCollections.unmodifiableObservableList(metadata);
    private final StringProperty tensorFilter = new SimpleStringProperty("");
    private int pending;

    public ModelsViewModel(ModelService service, EventBus bus, RecentModels recent) {
        this.service = service;
        this.bus = bus;
        this.recent = recent;
        visibleTensors.predicateProperty().bind(Bindings.createObjectBinding(
            () -> row -> row.matches(tensorFilter.get()), tensorFilter));
        service.currentProperty().addListener((o, old, now) -> {
            show(old, now);
            checkSettings();
        });
        bus.subscribe(EngineSettingsChanged.class, e -> checkSettings());
        bus.subscribe(BenchmarkStarted.class, e -> service.stopWarmUp());
        service.lastWarmUpProperty().addListener((o, was, outcome) -> {
            if (outcome != null) bus.publish(new StatusMessage(describe(outcome)));
        });
        bus.subscribe(OpenModelRequested.class, e -> {
            bus.publish(new PageRequested(PageId.MODELS));
            open(e.path());
        });
    }

    public ReadOnlyObjectProperty<OpenedModel> modelProperty() {
        return service.currentProperty();
    }

    /** The last failure in plain words, or null when there is nothing to report. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True while the current model is being warmed up (a short generation nobody sees). */
    public ReadOnlyBooleanProperty warmingUpProperty() {
        return service.warmingUpProperty();
    }

    /** How the current model's warm-up went; null while it runs, without one, or if it failed. */
    public ReadOnlyObjectProperty<EngineWarmUp.Outcome> lastWarmUpProperty() {
        return service.lastWarmUpProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Between 0 and 1, or -1 while the amount of work is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True while the loaded model runs with other engine settings than the ones chosen now. */
    public ReadOnlyBooleanProperty reloadNeededProperty() {
        return reloadNeeded.getReadOnlyProperty();
    }

    /** Loads the current model again, with the engine settings chosen now. */
    public void reload() {
        OpenedModel m = service.current();
        if (m != null) open(m.path());
    }

    public ReadOnlyStringProperty loadingTextProperty() {
        return loadingText.getReadOnlyProperty();
    }

    public ObservableList<TensorRow> allTensors() {
        return allTensorsView;
    }

    /** The tensors that pass the filter, in file order; the view sorts them. */
    public ObservableList<TensorRow> visibleTensors() {
        return visibleTensors;
    }

    public ObservableList<MetadataEntry> metadata() {
        return metadataView;
    }

    public StringProperty tensorFilterProperty() {
        return tensorFilter;
    }

    public ObservableList<Path> recentModels() {
        return recent.paths();
    }

    public boolean hasModel() {
        return service.current() != null;
    }

    /** Opens {@code path} in the background; the current model stays until the new one is ready. */
    public Task<OpenedModel> open(Path path) {
        Path p = path.toAbsolutePath().normalize();
        Task<OpenedModel> task = service.open(p);
        pending++;
        loading.set(true);
        loadingText.bind(Bindings.createStringBinding(() -> "Opening " + p.getFileName()
            + (task.getMessage() == null || task.getMessage().isBlank() ? "" : ": " + task.getMessage().toLowerCase(java.util.Locale.ROOT)) + "…",
            task.messageProperty()));
        progress.bind(task.progressProperty());
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> finished(task, null));
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> finished(task, OpenErrors.describe(p, task.getException())));
        return task;
    }

    public void unload() {
        service.unload();
    }

    public void dismissError() {
        error.set(null);
    }

    public void forgetRecent(Path path) {
        recent.remove(path);
    }

    private void finished(Task<OpenedModel> task, String failure) {
        if (--pending == 0) {
            loading.set(false);
            loadingText.unbind();
            loadingText.set("");
            progress.unbind();
            progress.set(0);
        }
        if (failure != null) {
            error.set(failure);
            bus.publish(new StatusMessage("Could not open " + task.getTitle()));
        } else {
            error.set(null);
            OpenedModel m = task.getValue();
            bus.publish(new StatusMessage("Opened " + m.fileName() + " in " + Math.max(1, m.openTime().toMillis()) + " ms"
                + (service.warmingUpProperty().get() && service.current() == m ? "; warming up the engine…" : "")));
        }
    }

    static String describe(EngineWarmUp.Outcome o) {
        String time = String.format(java.util.Locale.ROOT, "%.1f s", o.seconds());
        int tokens = o.promptTokens() + o.decodedTokens();
        return o.stopped()
            ? "Warm-up stopped after " + tokens + " tokens (" + time + ")"
            : "Engine warmed up in " + time + " (" + tokens + " tokens in " + o.rounds() + (o.rounds() == 1 ? " round" : " rounds")
                + "): replies start at full speed";
    }

    private void checkSettings() {
        OpenedModel m = service.current();
        reloadNeeded.set(m != null && !m.settings().equals(service.settings()));
    }

    private void show(OpenedModel old, OpenedModel now) {
        tensors.setAll(now == null ? List.of() : now.tensors());
        metadata.setAll(now == null ? List.of() : now.metadata());
        if (now != null) {
            recent.add(now.path());
            bus.publish(new ModelOpened(now.path(), now.fileName(), now.model()));
        } else if (old != null) {
            bus.publish(new ModelClosed(old.path(), old.fileName()));
            bus.publish(new StatusMessage("Unloaded " + old.fileName()));
        }
    }
}
