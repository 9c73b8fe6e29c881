package bitnet.workbench.cli;

import bitnet.workbench.engine.SamplerSettings;
import picocli.CommandLine.Option;

/** Sampler options, named as llama.cpp names them. */
public final class SamplingCliOptions {
    @Option(names = "--temp", defaultValue = "0.8", description = "Temperature; 0 means greedy (default: ${DEFAULT-VALUE}).")
    float temperature;
    @Option(names = "--top-k", defaultValue = "40", description = "0 = off (default: ${DEFAULT-VALUE}).")
    int topK;
    @Option(names = "--top-p", defaultValue = "0.95", description = "1 = off (default: ${DEFAULT-VALUE}).")
    float topP;
    @Option(names = "--min-p", defaultValue = "0.05", description = "0 = off (default: ${DEFAULT-VALUE}).")
    float minP;
    @Option(names = "--repeat-penalty", defaultValue = "1.0", description = "1 = off (default: ${DEFAULT-VALUE}).")
    float repeatPenalty;
    @Option(names = "--repeat-last-n", defaultValue = "64", description = "Tokens the penalty looks back over (default: ${DEFAULT-VALUE}).")
    int repeatLastN;
    @Option(names = "--seed", defaultValue = "-1", description = "Random seed; -1 picks one (default: ${DEFAULT-VALUE}).")
    long seed;

    SamplerSettings toSettings() {
        return new SamplerSettings(temperature, topK, topP, minP, repeatPenalty, repeatLastN, seed);
    }
}
