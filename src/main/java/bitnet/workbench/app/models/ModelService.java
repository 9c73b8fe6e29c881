package bitnet.workbench.app.models;

import bitnet.workbench.app.settings.EngineSettings;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.model.ModelOptions;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Owns the model that is loaded. Loading runs on the engine executor, never on the FX thread; a
 * successful load replaces the previous model, a failed one leaves it untouched and usable.
 * Requests run in order, so the last one to succeed wins. The engine executor is also where chats
 * generate, so a replaced model is closed there, after whatever generation was still using it.
 */
public final class ModelService implements AutoCloseable {
    private final Executor engine;
    private final Supplier<EngineSettings> settings;
    private final ReadOnlyObjectWrapper<OpenedModel> current = new ReadOnlyObjectWrapper<>();

    public ModelService(Executor engine, Supplier<EngineSettings> settings) {
        this.engine = engine;
        this.settings = settings;
    }

    public ReadOnlyObjectProperty<OpenedModel> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public OpenedModel current() {
        return current.get();
    }

    /** The engine settings a load started now would use. */
    public EngineSettings settings() {
        return settings.get();
    }

    /** Starts loading {@code path} with the current engine settings; call on the FX thread. */
    public Task<OpenedModel> open(Path path) {
        Task<OpenedModel> task = new LoadModelTask(path, settings.get());
        // Registered before anyone else can add a handler, so the model is current when theirs run.
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> replace(task.getValue()));
        engine.execute(task);
        return task;
    }

    /** Closes the current model, if any; call on the FX thread. */
    public void unload() {
        replace(null);
    }

    private void replace(OpenedModel next) {
        OpenedModel old = current.get();
        current.set(next);
        if (old != null) engine.execute(old.model()::close);
    }

    /** Closes the model on the engine executor, after any generation queued before; the window is going away. */
    @Override
    public void close() {
        OpenedModel old = current.get();
        if (old != null) engine.execute(old.model()::close);
    }

    private static final class LoadModelTask extends Task<OpenedModel> {
        private final Path path;
        private final EngineSettings settings;

        LoadModelTask(Path path, EngineSettings settings) {
            this.path = path;
            this.settings = settings;
            updateTitle(String.valueOf(path.getFileName()));
        }

        @Override
        protected OpenedModel call() throws Exception {
            long start = System.nanoTime();
            updateMessage("Reading the header");
            updateProgress(0.05, 1);
            ModelOptions options;
            try (GgufFile header = GgufFile.open(path)) {
                options = EngineOptions.of(settings, header.metadata());
            }
            updateMessage("Loading weights");
            updateProgress(0.2, 1);
            LoadedModel model = LoadedModel.open(path, options);
            try {
                updateMessage("Reading the tensor table");
                updateProgress(0.9, 1);
                OpenedModel opened = OpenedModel.describe(path, model, Duration.ofNanos(System.nanoTime() - start), settings);
                updateProgress(1, 1);
                return opened;
            } catch (RuntimeException | Error e) {
                model.close();
                throw e;
            }
        }
    }
}
