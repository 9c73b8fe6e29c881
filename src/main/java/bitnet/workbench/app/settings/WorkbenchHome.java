package bitnet.workbench.app.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The folder where the workbench keeps its settings and recent-model list, following each
 * platform's convention for per-user application data. The system property
 * {@value #OVERRIDE_PROPERTY} overrides it, so tests and portable installs can point elsewhere.
 */
public final class WorkbenchHome {
    public static final String OVERRIDE_PROPERTY = "workbench.home";

    private WorkbenchHome() {
    }

    public static Path resolve() {
        return resolve(System.getProperty(OVERRIDE_PROPERTY), System.getProperty("os.name", ""),
            System.getenv(), System.getProperty("user.home"));
    }

    static Path resolve(String override, String osName, Map<String, String> env, String userHome) {
        if (override != null && !override.isBlank()) return Path.of(override);
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = isSet(appData) ? Path.of(appData) : Path.of(userHome, "AppData", "Roaming");
            return base.resolve("BitNet Workbench");
        }
        if (os.startsWith("mac")) {
            return Path.of(userHome, "Library", "Application Support", "BitNet Workbench");
        }
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        String xdg = env.get("XDG_DATA_HOME");
        Path base = isSet(xdg) && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(userHome, ".local", "share");
        return base.resolve("bitnet-workbench");
    }

    private static boolean isSet(String s) {
        return s != null && !s.isBlank();
    }
}
