package bitnet.workbench.app.shell;

import bitnet.workbench.app.event.EngineSettingsChanged;
import bitnet.workbench.app.event.EventBus;
import bitnet.workbench.app.event.ModelClosed;
import bitnet.workbench.app.event.ModelOpened;
import bitnet.workbench.app.event.StatusMessage;
import bitnet.workbench.app.event.TokensPerSecondMeasured;
import bitnet.workbench.app.format.Units;
import bitnet.workbench.app.settings.EngineSettings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Locale;
import java.util.OptionalLong;

/** What the status bar shows, fed only by events and the memory sampler. */
public final class StatusViewModel {
    static final String NONE = "–";

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper("No model");
    private final ReadOnlyStringWrapper threads = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper kernel = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper residentMemory = new ReadOnlyStringWrapper("RSS " + NONE);
    private final ReadOnlyStringWrapper tokensPerSecond = new ReadOnlyStringWrapper(NONE + " tok/s");

    public StatusViewModel(EventBus bus, EngineSettings initial) {
        showSettings(initial);
        bus.subscribe(ModelOpened.class, e -> modelName.set(e.name()));
        bus.subscribe(ModelClosed.class, e -> modelName.set("No model"));
        bus.subscribe(EngineSettingsChanged.class, e -> showSettings(e.settings()));
        bus.subscribe(TokensPerSecondMeasured.class, e -> tokensPerSecond.set(
            String.format(Locale.ROOT, "%.1f tok/s", e.tokensPerSecond())));
        bus.subscribe(StatusMessage.class, e -> message.set(e.text()));
    }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty modelNameProperty() { return modelName.getReadOnlyProperty(); }
    public ReadOnlyStringProperty threadsProperty() { return threads.getReadOnlyProperty(); }
    public ReadOnlyStringProperty kernelProperty() { return kernel.getReadOnlyProperty(); }
    public ReadOnlyStringProperty residentMemoryProperty() { return residentMemory.getReadOnlyProperty(); }
    public ReadOnlyStringProperty tokensPerSecondProperty() { return tokensPerSecond.getReadOnlyProperty(); }

    void showResidentMemory(OptionalLong bytes) {
        residentMemory.set("RSS " + (bytes.isPresent() ? Units.bytes(bytes.getAsLong()) : NONE));
    }

    private void showSettings(EngineSettings s) {
        threads.set(s.threads() + (s.threads() == 1 ? " thread" : " threads"));
        kernel.set("kernel " + s.kernelVariant());
    }
}
