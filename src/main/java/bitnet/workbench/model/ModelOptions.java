package bitnet.workbench.model;

import bitnet.workbench.kernel.ActivationQuantization;
import bitnet.workbench.kernel.Kernels;

import java.util.Objects;

/**
 * Choices made when a model is loaded.
 *
 * @param activationQuantization how BitLinear (ternary matrix) inputs become int8; float matrices always take floats
 * @param ffnActivation          the FFN gate activation, or null for the one the architecture implies
 * @param kernel                 the {@link bitnet.workbench.kernel.MatVecKernel} name, e.g. {@code "scalar"}
 * @param contextLength          positions per sequence, or 0 for the file's {@code context_length}
 * @param lmHeadInput            whether the lm_head input is rounded to F16
 * @param keyCache               precision of cached keys (F32 unless emulating an engine's F16 cache)
 * @param valueCache             precision of cached values
 */
public record ModelOptions(ActivationQuantization activationQuantization, FfnActivation ffnActivation, String kernel,
                           int contextLength, LmHeadInput lmHeadInput, KvCacheType keyCache, KvCacheType valueCache,
                           int threads) {

    public ModelOptions {
        Objects.requireNonNull(activationQuantization, "activationQuantization");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(lmHeadInput, "lmHeadInput");
        Objects.requireNonNull(keyCache, "keyCache");
        Objects.requireNonNull(valueCache, "valueCache");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (contextLength < 0) throw new IllegalArgumentException("context length must be positive (or 0 for the file's), got " + contextLength);
    }

    /** Per-token int8 activations (bitnet.cpp and the BitNet papers), the architecture's activation, the scalar kernel. */
    public static ModelOptions defaults() {
        return new ModelOptions(ActivationQuantization.PER_TOKEN, null, Kernels.DEFAULT, 0, LmHeadInput.AUTO, KvCacheType.F32, KvCacheType.F32, 1);
    }

    public ModelOptions withActivationQuantization(ActivationQuantization q) {
        return new ModelOptions(q, ffnActivation, kernel, contextLength, lmHeadInput, keyCache, valueCache, threads);
    }

    public ModelOptions withFfnActivation(FfnActivation a) {
        return new ModelOptions(activationQuantization, a, kernel, contextLength, lmHeadInput, keyCache, valueCache, threads);
    }

    public ModelOptions withKernel(String name) {
        return new ModelOptions(activationQuantization, ffnActivation, name, contextLength, lmHeadInput, keyCache, valueCache, threads);
    }

    public ModelOptions withContextLength(int n) {
        return new ModelOptions(activationQuantization, ffnActivation, kernel, n, lmHeadInput, keyCache, valueCache, threads);
    }

    public ModelOptions withLmHeadInput(LmHeadInput l) {
        return new ModelOptions(activationQuantization, ffnActivation, kernel, contextLength, l, keyCache, valueCache, threads);
    }

    public ModelOptions withKvCache(KvCacheType keys, KvCacheType values) {
        return new ModelOptions(activationQuantization, ffnActivation, kernel, contextLength, lmHeadInput, keys, values, threads);
    }

    /** Worker threads for the kernels (the forward pass splits output rows between them). */
    public ModelOptions withThreads(int n) {
        return new ModelOptions(activationQuantization, ffnActivation, kernel, contextLength, lmHeadInput, keyCache, valueCache, n);
    }
}
