package bitnet.workbench.cli;

import bitnet.workbench.kernel.ActivationQuantization;
import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.model.FfnActivation;
import bitnet.workbench.model.ModelOptions;
import bitnet.workbench.model.OutputHead;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every command that runs a model shares. */
public final class ModelCliOptions {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "The GGUF model.")
    Path model;

    @Option(names = "--threads", description = "Worker threads (default: one per core).")
    Integer threads;

    @Option(names = "--kernel", completionCandidates = BenchCommand.KernelNames.class,
        description = "Kernel variant: ${COMPLETION-CANDIDATES} (default: the fastest on this machine, vector-lut with 512-bit vectors, else vector-i8).")
    String kernel;

    @Option(names = "--act-quant", defaultValue = "per-token", paramLabel = "RULE",
        description = "Activation quantization of BitLinear inputs: per-token (bitnet.cpp, default) or q8k-blocks (llama.cpp).")
    String actQuant;

    @Option(names = "--ffn-act", paramLabel = "silu|relu2", description = "Override the FFN activation the architecture implies.")
    String ffnActivation;

    @Option(names = "--output-head", paramLabel = "auto|float|int8", defaultValue = "auto",
        description = "How the output matrix is multiplied: float (the file's weights, float activations), int8 (Q8_K activations "
            + "× the Q6_K weights repacked at load; an F16/BF16/F32 head is first quantized to Q6_K), or auto: int8 for a Q6_K head under the "
            + "vector kernels, else float (default). 'head-check' measures the difference.")
    String outputHead;

    @Option(names = {"-c", "--ctx"}, defaultValue = "0", description = "Context length (default: the file's).")
    int contextLength;

    ModelOptions toModelOptions() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        ModelOptions o = ModelOptions.defaults()
            .withKernel(kernel == null ? Kernels.recommended() : kernel)
            .withActivationQuantization(ActivationQuantization.parse(actQuant))
            .withContextLength(contextLength)
            .withThreads(n)
            .withOutputHead(OutputHead.parse(outputHead));
        return ffnActivation == null ? o : o.withFfnActivation(FfnActivation.parse(ffnActivation));
    }
}
