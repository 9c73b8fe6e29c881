package bitnet.workbench.app.settings;

import bitnet.workbench.kernel.Kernels;

import java.util.List;

/**
 * What the user chose for the inference engine, applied when a model is loaded: worker threads,
 * the kernel variant (a name from {@link Kernels#names()}) and the context size (capped by what
 * the model was trained for).
 */
public record EngineSettings(int threads, String kernelVariant, int contextSize) {
    public static final List<String> KERNEL_VARIANTS = Kernels.names();
    public static final int MIN_CONTEXT = 64;
    public static final int MAX_CONTEXT = 131_072;
    public static final int DEFAULT_CONTEXT = 2048;

    public static EngineSettings defaults(int processors) {
        return new EngineSettings(Math.max(1, processors), Kernels.recommended(), DEFAULT_CONTEXT);
    }

    /** The same settings brought into range for a machine with {@code processors} cores. */
    public EngineSettings clampedTo(int processors) {
        int t = Math.clamp(threads, 1, Math.max(1, processors));
        String k = KERNEL_VARIANTS.contains(kernelVariant) ? kernelVariant : Kernels.recommended();
        int c = contextSize == 0 ? DEFAULT_CONTEXT : Math.clamp(contextSize, MIN_CONTEXT, MAX_CONTEXT);
        return new EngineSettings(t, k, c);
    }

    public EngineSettings withThreads(int t) { return new EngineSettings(t, kernelVariant, contextSize); }
    public EngineSettings withKernelVariant(String k) { return new EngineSettings(threads, k, contextSize); }
    public EngineSettings withContextSize(int c) { return new EngineSettings(threads, kernelVariant, c); }
}
