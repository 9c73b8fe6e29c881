package bitnet.workbench.app.models;

import bitnet.workbench.app.settings.EngineSettings;
import bitnet.workbench.gguf.GgufMetadata;
import bitnet.workbench.model.ModelOptions;

/** The engine's load options for the user's settings and a given file. */
final class EngineOptions {
    private EngineOptions() {
    }

    /**
     * Threads and kernel as chosen; the context as chosen but never longer than the model was
     * trained for (positions past it give nonsense), which the file states as {@code <arch>.context_length}.
     */
    static ModelOptions of(EngineSettings s, GgufMetadata metadata) {
        return ModelOptions.defaults()
            .withThreads(s.threads())
            .withKernel(s.kernelVariant())
            .withOutputHead(bitnet.workbench.model.OutputHead.parse(s.outputHead()))
            .withContextLength(contextFor(s.contextSize(), trainedContext(metadata)));
    }

    static int contextFor(int chosen, int trained) {
        return trained > 0 ? Math.min(chosen, trained) : chosen;
    }

    static int trainedContext(GgufMetadata m) {
        String arch = m.findString("general.architecture").orElse("");
        String key = arch + ".context_length";
        if (arch.isEmpty() || !m.has(key)) return 0;
        try {
            return m.getInt(key);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
