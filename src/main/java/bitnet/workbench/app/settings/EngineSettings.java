package bitnet.workbench.app.settings;

import bitnet.workbench.kernel.Kernels;

import java.util.List;

/**
 * What the user chose for the inference engine, applied when a model is loaded: worker threads,
 * the kernel variant (a name from {@link Kernels#names()}), the context size (capped by what
 * the model was trained for) and how the output matrix is multiplied.
 */
public record EngineSettings(int threads, String kernelVariant, int contextSize, String outputHead) {
    public static final List<String> KERNEL_VARIANTS = Kernels.names();
    /** {@code bitnet.workbench.model.OutputHead} labels: auto (int8 for a Q6_K head under the vector kernels), float, int8. */
    public static final List<String> OUTPUT_HEADS = List.of("auto", "float", "int8");
    public static final int MIN_CONTEXT = 64;
    public static final int MAX_CONTEXT = 131_072;
    public static final int DEFAULT_CONTEXT = 2048;

    /** Settings saved before the output head was a choice read as {@code auto}. */
    public EngineSettings(int threads, String kernelVariant, int contextSize) {
        this(threads, kernelVariant, contextSize, "auto");
    }

    public static EngineSettings defaults(int processors) {
        return new EngineSettings(Math.max(1, processors), Kernels.recommended(), DEFAULT_CONTEXT, "auto");
    }

    /** The same settings brought into range for a machine with {@code processors} cores. */
    public EngineSettings clampedTo(int processors) {
        int t = Math.clamp(threads, 1, Math.max(1, processors));
        String k = KERNEL_VARIANTS.contains(kernelVariant) ? kernelVariant : Kernels.recommended();
        int c = contextSize == 0 ? DEFAULT_CONTEXT : Math.clamp(contextSize, MIN_CONTEXT, MAX_CONTEXT);
        String h = outputHead != null && OUTPUT_HEADS.contains(outputHead) ? outputHead : "auto";
        return new EngineSettings(t, k, c, h);
    }

    public EngineSettings withThreads(int t) { return new EngineSettings(t, kernelVariant, contextSize, outputHead); }
    public EngineSettings withKernelVariant(String k) { return new EngineSettings(threads, k, contextSize, outputHead); }
    public EngineSettings withContextSize(int c) { return new EngineSettings(threads, kernelVariant, c, outputHead); }
    public EngineSettings withOutputHead(String h) { return new EngineSettings(threads, kernelVariant, contextSize, h); }
}
