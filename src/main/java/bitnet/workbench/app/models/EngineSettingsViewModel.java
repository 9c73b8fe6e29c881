package bitnet.workbench.app.models;

import bitnet.workbench.app.event.EngineSettingsChanged;
import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.settings.EngineSettings;
import bitnet.workbench.app.settings.SettingsStore;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Threads, kernel variant, context size and output head as chosen in the Models view. Every change is clamped,
 * saved and announced with {@link EngineSettingsChanged}; the engine will apply them when it lands.
 */
public final class EngineSettingsViewModel {
    private final SettingsStore store;
    private final EventBus bus;
    private final ReadOnlyIntegerWrapper threads = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper kernelVariant = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper contextSize = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper outputHead = new ReadOnlyStringWrapper();

    public EngineSettingsViewModel(SettingsStore store, EventBus bus) {
        this.store = store;
        this.bus = bus;
        show(store.current().engine());
    }

    public ReadOnlyIntegerProperty threadsProperty() { return threads.getReadOnlyProperty(); }
    public ReadOnlyStringProperty kernelVariantProperty() { return kernelVariant.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty contextSizeProperty() { return contextSize.getReadOnlyProperty(); }
    public ReadOnlyStringProperty outputHeadProperty() { return outputHead.getReadOnlyProperty(); }

    public int maxThreads() { return store.processors(); }
    public List<String> kernelVariants() { return EngineSettings.KERNEL_VARIANTS; }
    public List<String> outputHeads() { return EngineSettings.OUTPUT_HEADS; }
    public int minContextSize() { return EngineSettings.MIN_CONTEXT; }
    public int maxContextSize() { return EngineSettings.MAX_CONTEXT; }

    public void setThreads(int n) { change(s -> s.withThreads(n)); }
    public void setKernelVariant(String k) { change(s -> s.withKernelVariant(k)); }
    public void setContextSize(int n) { change(s -> s.withContextSize(n)); }
    public void setOutputHead(String h) { change(s -> s.withOutputHead(h)); }

    public EngineSettings settings() {
        return store.current().engine();
    }

    private void change(UnaryOperator<EngineSettings> edit) {
        EngineSettings before = store.current().engine();
        EngineSettings after = store.update(s -> s.withEngine(edit.apply(s.engine()))).engine();
        show(after);
        if (!after.equals(before)) bus.publish(new EngineSettingsChanged(after));
    }

    private void show(EngineSettings s) {
        threads.set(s.threads());
        kernelVariant.set(s.kernelVariant());
        contextSize.set(s.contextSize());
        outputHead.set(s.outputHead());
    }
}
