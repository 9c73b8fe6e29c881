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
 * @param threads                threads per product (the calling thread included); changeable later with {@link TransformerModel#reconfigure}
 * @param outputHead             how the output matrix is multiplied (float reference or the int8 fast path)
 */
public record ModelOptions(ActivationQuantization activationQuantization, FfnActivation ffnActivation, String kernel,
                           int contextLength, LmHeadInput lmHeadInput, KvCacheType keyCache, KvCacheType valueCache,
                           int threads, OutputHead outputHead) {

    public ModelOptions {
        Objects.requireNonNull(activationQuantization, "activationQuantization");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(lmHeadInput, "lmHeadInput");
        Objects.requireNonNull(keyCache, "keyCache");
        Objects.requireNonNull(valueCache, "valueCache");
        Objects.requireNonNull(outputHead, "outputHead");
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (contextLength < 0) throw new IllegalArgumentException("context length must be positive (or 0 for the file's), got " + contextLength);
    }

    /** Per-token int8 activations (bitnet.cpp and the BitNet papers), the architecture's activation, the scalar kernel, one thread, {@link OutputHead#AUTO}. */
    public static ModelOptions defaults() {
        return new ModelOptions(ActivationQuantization.PER_TOKEN, null, Kernels.DEFAULT, 0, LmHeadInput.AUTO, KvCacheType.F32, KvCacheType.F32, 1, OutputHead.AUTO);
    }

    public ModelOptions withActivationQuantization(ActivationQuantization q) {
        return new ModelOptions(q, ffnActivation, kernel, contextLength, lmHeadInput, keyCache, valueCache, threads, outputHead);
    }

    public ModelOptions withFfnActivation(FfnActivation a) {
        return new ModelOptions(activationQuantization, a, kernel, contextLength, lmHeadInput, keyCache, valueCache, threads, outputHead);
    }

    public ModelOptions withKernel(String name) {
        return new ModelOptions(activationQuantization, ffnActivation, name, contextLength, lmHeadInput, keyCache, valueCache, threads, outputHead);
    }

    public ModelOptions withContextLength(int n) {
        return new ModelOptions(activationQuantization, ffnActivation, kernel, n, lmHeadInput, keyCache, valueCache, threads, outputHead);
    }

    public ModelOptions withLmHeadInput(LmHeadInput l) {
        return new ModelOptions(activationQuantization, ffnActivation, kernel, contextLength, l, keyCache, valueCache, threads, outputHead);
    }

    public ModelOptions withKvCache(KvCacheType keys, KvCacheType values) {
        return new ModelOptions(activationQuantization, ffnActivation, kernel, contextLength, lmHeadInput, keys, values, threads, outputHead);
    }

    /** Worker threads for the kernels (the forward pass splits output rows between them). */
    public ModelOptions withThreads(int n) {
        return new ModelOptions(activationQuantization, ffnActivation, kernel, contextLength, lmHeadInput, keyCache, valueCache, n, outputHead);
    }

    /** How the output matrix is multiplied; changeable later with {@link TransformerModel#reconfigure(String, int, OutputHead)}. */
    public ModelOptions withOutputHead(OutputHead h) {
        return new ModelOptions(activationQuantization, ffnActivation, kernel, contextLength, lmHeadInput, keyCache, valueCache, threads, h);
    }
}
