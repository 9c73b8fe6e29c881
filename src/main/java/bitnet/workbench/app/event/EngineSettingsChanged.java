package bitnet.workbench.app.event;

import bitnet.workbench.app.settings.EngineSettings;

/** The user changed threads, kernel variant or context size. */
public record EngineSettingsChanged(EngineSettings settings) implements Event {
}
