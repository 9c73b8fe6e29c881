package bitnet.workbench.app.theme;

import bitnet.workbench.app.settings.SettingsStore;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Scene;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The current theme: applies its stylesheets to the scenes it is attached to and remembers the choice. */
public final class ThemeManager {
    private final SettingsStore settings;
    private final ReadOnlyObjectWrapper<Theme> theme;
    private final List<Scene> scenes = new ArrayList<>();

    public ThemeManager(SettingsStore settings) {
        this.settings = settings;
        this.theme = new ReadOnlyObjectWrapper<>(Theme.byName(settings.current().theme()));
        theme.addListener((o, old, now) -> scenes.forEach(this::apply));
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public Theme theme() {
        return theme.get();
    }

    public void setTheme(Theme t) {
        theme.set(Objects.requireNonNull(t));
        settings.update(s -> s.withTheme(t.name()));
    }

    public void toggle() {
        setTheme(theme() == Theme.LIGHT ? Theme.DARK : Theme.LIGHT);
    }

    /** Styles {@code scene} now and on every later change (dialogs attach their own scenes too). */
    public void attach(Scene scene) {
        scenes.add(scene);
        apply(scene);
    }

    private void apply(Scene scene) {
        List<String> sheets = scene.getStylesheets();
        for (Theme t : Theme.values()) sheets.remove(t.stylesheet());
        if (!sheets.contains(Theme.baseStylesheet())) sheets.add(Theme.baseStylesheet());
        sheets.add(theme().stylesheet());
    }
}
