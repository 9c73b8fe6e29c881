package bitnet.workbench.app.event;

/**
 * A notification from one part of the window to whoever cares. Events are plain records; the
 * sealed list below is the whole vocabulary views use to talk to each other.
 */
public sealed interface Event permits ModelOpened, ModelClosed, OpenModelRequested, PageRequested,
    EngineSettingsChanged, TokensPerSecondMeasured, StatusMessage, GenerationProgress, ChatTurnCompleted, BenchmarkStarted {
}
