package bitnet.workbench.app.settings;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The user's settings, loaded once from {@code settings.json} in the workbench home and saved on every change. */
public final class SettingsStore {
    public static final String FILE_NAME = "settings.json";

    private final Path file;
    private final int processors;
    private WorkbenchSettings current;

    public SettingsStore(Path home, int processors) {
        this.file = home.resolve(FILE_NAME);
        this.processors = processors;
        this.current = JsonFiles.read(file, WorkbenchSettings.class)
            .orElseGet(() -> WorkbenchSettings.defaults(processors))
            .normalized(processors);
    }

    public WorkbenchSettings current() {
        return current;
    }

    public int processors() {
        return processors;
    }

    /** Applies {@code change}, brings the result into range, saves it and returns it. */
    public synchronized WorkbenchSettings update(UnaryOperator<WorkbenchSettings> change) {
        WorkbenchSettings next = change.apply(current).normalized(processors);
        if (!next.equals(current)) {
            current = next;
            JsonFiles.writeQuietly(file, next);
        }
        return current;
    }
}
