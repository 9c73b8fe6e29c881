package bitnet.workbench.app.models;

import bitnet.workbench.gguf.GgufFile;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Owns the model that is currently open. Opening runs on the engine executor, never on the FX
 * thread; a successful open replaces (and closes) the previous model, a failed one leaves it
 * untouched. Requests run in order, so the last one to succeed wins. The inference loader will
 * slot in here: {@link OpenModelTask} is where the file becomes a runnable model.
 */
public final class ModelService implements AutoCloseable {
    private final Executor engine;
    private final ReadOnlyObjectWrapper<OpenedModel> current = new ReadOnlyObjectWrapper<>();

    public ModelService(Executor engine) {
        this.engine = engine;
    }

    public ReadOnlyObjectProperty<OpenedModel> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public OpenedModel current() {
        return current.get();
    }

    /** Starts opening {@code path}; call on the FX thread. The returned task reports progress and failure. */
    public Task<OpenedModel> open(Path path) {
        Task<OpenedModel> task = new OpenModelTask(path);
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
        if (old != null) engine.execute(old.file()::close);
    }

    @Override
    public void close() {
        OpenedModel old = current.get();
        if (old != null) old.file().close();
    }

    private static final class OpenModelTask extends Task<OpenedModel> {
        private final Path path;

        OpenModelTask(Path path) {
            this.path = path;
            updateTitle(String.valueOf(path.getFileName()));
        }

        @Override
        protected OpenedModel call() throws Exception {
            updateProgress(-1, 1);
            long start = System.nanoTime();
            GgufFile file = GgufFile.open(path);
            try {
                return OpenedModel.describe(path, file, Duration.ofNanos(System.nanoTime() - start));
            } catch (RuntimeException | Error e) {
                file.close();
                throw e;
            }
        }
    }
}
