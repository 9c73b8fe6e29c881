package bitnet.workbench.app.settings;

/** Everything persisted in {@code settings.json}. The theme is stored by name so old files survive renames. */
public record WorkbenchSettings(String theme, EngineSettings engine) {

    public static WorkbenchSettings defaults(int processors) {
        return new WorkbenchSettings("LIGHT", EngineSettings.defaults(processors));
    }

    /** Fills what an older or hand-edited file left out and clamps what is out of range. */
    WorkbenchSettings normalized(int processors) {
        String t = theme == null || theme.isBlank() ? "LIGHT" : theme;
        EngineSettings e = engine == null ? EngineSettings.defaults(processors) : engine.clampedTo(processors);
        return new WorkbenchSettings(t, e);
    }

    public WorkbenchSettings withTheme(String t) { return new WorkbenchSettings(t, engine); }
    public WorkbenchSettings withEngine(EngineSettings e) { return new WorkbenchSettings(theme, e); }
}
