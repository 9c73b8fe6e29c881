package bitnet.workbench.app.models;

import bitnet.workbench.app.settings.EngineSettings;
import bitnet.workbench.engine.EngineWarmUp;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.model.ModelOptions;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Owns the model that is loaded. Loading runs on the engine executor, never on the FX thread; a
 * successful load replaces the previous model, a failed one leaves it untouched and usable.
 * Requests run in order, so the last one to succeed wins. The engine executor is also where chats
 * generate, so a replaced model is closed there, after whatever generation was still using it.
 *
 * <p>A model that becomes current is then warmed up on the engine executor ({@link EngineWarmUp};
 * not under the reference kernels, {@code scalar} and {@code float}),
 * so the first reply does not run in the JIT's slow tiers. The warm-up gives way after its current
 * step to any work queued behind it ({@code workWaiting}), to a replaced model, and to
 * {@link #stopWarmUp()}.
 */
public final class ModelService implements AutoCloseable {
    private final Executor engine;
    private final Supplier<EngineSettings> settings;
    private final BooleanSupplier workWaiting;
    private final boolean warmUps;
    private final ReadOnlyObjectWrapper<OpenedModel> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper warmingUp = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<EngineWarmUp.Outcome> lastWarmUp = new ReadOnlyObjectWrapper<>();
    private AtomicBoolean warmUpStop;

    /**
     * {@code workWaiting} tells whether other work is queued on {@code engine} (a warm-up then gives
     * way); {@code warmUps} false leaves models cold, as for measuring a first reply without one.
     */
    public ModelService(Executor engine, Supplier<EngineSettings> settings, BooleanSupplier workWaiting, boolean warmUps) {
        this.engine = engine;
        this.settings = settings;
        this.workWaiting = workWaiting;
        this.warmUps = warmUps;
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

    /** True from the moment a model becomes current until its warm-up has ended or given way. */
    public ReadOnlyBooleanProperty warmingUpProperty() {
        return warmingUp.getReadOnlyProperty();
    }

    /** How the current model's warm-up went; null while it runs, or if it failed. */
    public ReadOnlyObjectProperty<EngineWarmUp.Outcome> lastWarmUpProperty() {
        return lastWarmUp.getReadOnlyProperty();
    }

    /** Asks a running warm-up to end after its current step (a benchmark wants the machine to itself). */
    public void stopWarmUp() {
        if (warmUpStop != null) warmUpStop.set(true);
    }

    private void replace(OpenedModel next) {
        stopWarmUp();
        warmUpStop = null;
        warmingUp.set(false);
        lastWarmUp.set(null);
        OpenedModel old = current.get();
        current.set(next);
        if (old != null) engine.execute(old.model()::close);
        // Not under a reference kernel: on a 2B model one of its steps would hold the engine for seconds.
        if (next != null && warmUps && !Kernels.isReference(next.settings().kernelVariant())) warmUp(next.model());
    }

    private void warmUp(LoadedModel model) {
        AtomicBoolean stop = new AtomicBoolean();
        warmUpStop = stop;
        warmingUp.set(true);
        engine.execute(new WarmUpSteps(new EngineWarmUp(model.model(), model.tokenizer()), stop));
    }

    /**
     * Runs warm-up steps on the engine thread until other work is queued, then queues itself again
     * behind that work, so a chat's small jobs (closing a session, counting a prompt's tokens) do not
     * end it, and a reply waits for one step at most.
     */
    private final class WarmUpSteps implements Runnable {
        private final EngineWarmUp warmUp;
        private final AtomicBoolean stop;

        WarmUpSteps(EngineWarmUp warmUp, AtomicBoolean stop) {
            this.warmUp = warmUp;
            this.stop = stop;
        }

        @Override
        public void run() {
            boolean queuedAgain = false;
            EngineWarmUp.Outcome outcome = null;
            try {
                while (!stop.get() && !warmUp.done() && !workWaiting.getAsBoolean()) warmUp.step();
                if (!stop.get() && !warmUp.done()) {
                    engine.execute(this);
                    queuedAgain = true;
                } else {
                    outcome = warmUp.outcome();
                }
            } catch (RuntimeException e) {
                // The first real request meets the same failure and reports it; a warm-up has nothing to add.
            } finally {
                if (!queuedAgain) finish(outcome);
            }
        }

        private void finish(EngineWarmUp.Outcome outcome) {
            warmUp.close();
            Platform.runLater(() -> {
                if (warmUpStop != stop) return;
                lastWarmUp.set(outcome);
                warmingUp.set(false);
            });
        }
    }

    /** Closes the model on the engine executor, after any generation queued before; the window is going away. */
    @Override
    public void close() {
        stopWarmUp();
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
