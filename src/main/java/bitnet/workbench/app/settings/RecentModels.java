package bitnet.workbench.app.settings;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;

/**
 * The models opened most recently, newest first, persisted in {@code recent.json}. Change it on the
 * FX thread only: views observe the list.
 */
public final class RecentModels {
    public static final String FILE_NAME = "recent.json";
    public static final int LIMIT = 10;

    /** The file's shape; a wrapper object leaves room for more fields later. */
    record RecentFile(List<String> models) {
    }

    private final Path file;
    private final ObservableList<Path> paths = FXCollections.observableArrayList();
    private final ObservableList<Path> readOnly = FXCollections.unmodifiableObservableList(paths);

    public RecentModels(Path home) {
        this.file = home.resolve(FILE_NAME);
        JsonFiles.read(file, RecentFile.class).ifPresent(f -> {
            if (f.models() == null) return;
            f.models().stream().filter(s -> s != null && !s.isBlank()).map(Path::of).distinct().limit(LIMIT).forEach(paths::add);
        });
    }

    public ObservableList<Path> paths() {
        return readOnly;
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    /** Moves {@code model} to the front (adding it if new) and saves. */
    public void add(Path model) {
        Path p = model.toAbsolutePath().normalize();
        paths.remove(p);
        paths.add(0, p);
        if (paths.size() > LIMIT) paths.remove(LIMIT, paths.size());
        save();
    }

    public void remove(Path model) {
        if (paths.remove(model.toAbsolutePath().normalize())) save();
    }

    private void save() {
        JsonFiles.writeQuietly(file, new RecentFile(paths.stream().map(Path::toString).toList()));
    }
}
