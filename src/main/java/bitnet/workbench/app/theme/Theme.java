package bitnet.workbench.app.theme;

import java.util.Locale;
import java.util.Objects;

/** The colour schemes. Each adds one stylesheet on top of the shared {@code base.css}. */
public enum Theme {
    LIGHT("Light"),
    DARK("Dark");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String stylesheet() {
        return resource(name().toLowerCase(Locale.ROOT) + ".css");
    }

    static String baseStylesheet() {
        return resource("base.css");
    }

    /** The theme stored under {@code name}, or LIGHT for anything unknown. */
    public static Theme byName(String name) {
        for (Theme t : values()) if (t.name().equalsIgnoreCase(name)) return t;
        return LIGHT;
    }

    private static String resource(String file) {
        return Objects.requireNonNull(Theme.class.getResource(file), file).toExternalForm();
    }
}
