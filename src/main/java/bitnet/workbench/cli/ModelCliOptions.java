package bitnet.workbench.cli;

import bitnet.workbench.kernel.ActivationQuantization;
import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.model.FfnActivation;
import bitnet.workbench.model.ModelOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every command that runs a model shares. */
public final class ModelCliOptions {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "The GGUF model.")
    Path model;

    @Option(names = "--threads", defaultValue = "1", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--kernel", defaultValue = Kernels.DEFAULT, description = "Kernel variant (default: ${DEFAULT-VALUE}).")
    String kernel;

    @Option(names = "--act-quant", defaultValue = "per-token", paramLabel = "RULE",
        description = "Activation quantization of BitLinear inputs: per-token (bitnet.cpp, default) or q8k-blocks (llama.cpp).")
    String actQuant;

    @Option(names = "--ffn-act", paramLabel = "silu|relu2", description = "Override the FFN activation the architecture implies.")
    String ffnActivation;

    @Option(names = {"-c", "--ctx"}, defaultValue = "0", description = "Context length (default: the file's).")
    int contextLength;

    ModelOptions toModelOptions() {
        if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        ModelOptions o = ModelOptions.defaults()
            .withKernel(kernel)
            .withActivationQuantization(ActivationQuantization.parse(actQuant))
            .withContextLength(contextLength)
            .withThreads(threads);
        return ffnActivation == null ? o : o.withFfnActivation(FfnActivation.parse(ffnActivation));
    }
}
