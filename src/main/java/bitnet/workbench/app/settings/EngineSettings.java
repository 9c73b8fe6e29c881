package bitnet.workbench.app.settings;

import java.util.List;

/**
 * What the user chose for the inference engine. Held and persisted now; the engine applies them
 * when it lands.
 */
public record EngineSettings(int threads, String kernelVariant, int contextSize) {
    public static final List<String> KERNEL_VARIANTS = List.of("scalar");
    public static final int MIN_CONTEXT = 64;
    public static final int MAX_CONTEXT = 131_072;
    public static final int DEFAULT_CONTEXT = 2048;

    public static EngineSettings defaults(int processors) {
        return new EngineSettings(Math.max(1, processors), KERNEL_VARIANTS.getFirst(), DEFAULT_CONTEXT);
    }

    /** The same settings brought into range for a machine with {@code processors} cores. */
    public EngineSettings clampedTo(int processors) {
        int t = Math.clamp(threads, 1, Math.max(1, processors));
        String k = KERNEL_VARIANTS.contains(kernelVariant) ? kernelVariant : KERNEL_VARIANTS.getFirst();
        int c = contextSize == 0 ? DEFAULT_CONTEXT : Math.clamp(contextSize, MIN_CONTEXT, MAX_CONTEXT);
        return new EngineSettings(t, k, c);
    }

    public EngineSettings withThreads(int t) { return new EngineSettings(t, kernelVariant, contextSize); }
    public EngineSettings withKernelVariant(String k) { return new EngineSettings(threads, k, contextSize); }
    public EngineSettings withContextSize(int c) { return new EngineSettings(threads, kernelVariant, c); }
}
