package bitnet.workbench.cli;

import bitnet.workbench.convert.SyntheticModelSpec;
import bitnet.workbench.convert.SyntheticModelWriter;
import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Writes a deterministic random model of any shape, e.g. the 2B4T shape for speed measurements. */
@Command(name = "synth", description = {
    "Write a deterministic synthetic model of any shape (random ternary weights, one scale per tensor).",
    "2B4T shape: --layers 30 --dim 2560 --ffn 6912 --heads 20 --kv-heads 5 --vocab-from ggml-vocab-llama3-bpe-rebuilt.gguf"})
public final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", description = "bitnet, bitnet-b1.58, bitnet-25 or llama (default: bitnet-b1.58 for I2_S, bitnet otherwise).")
    String arch;
    @Option(names = "--layers", required = true) int layers;
    @Option(names = "--dim", required = true, description = "Hidden size.") int dim;
    @Option(names = "--ffn", required = true, description = "Feed-forward size.") int ffn;
    @Option(names = "--heads", required = true) int heads;
    @Option(names = "--kv-heads", required = true) int kvHeads;
    @Option(names = "--vocab-from", required = true, paramLabel = "FILE.gguf", description = "Copy the tokenizer from this GGUF.") Path vocabFrom;
    @Option(names = "--type", required = true, description = "I2_S, TQ2_0, TQ1_0, F16 or F32.") GgmlType type;
    @Option(names = "--embedding-type", defaultValue = "F16", description = "F16, Q8_0, Q6_K or F32 (default: ${DEFAULT-VALUE}).") GgmlType embeddingType;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--ctx", defaultValue = "4096", description = "Context length (default: ${DEFAULT-VALUE}).") int ctx;
    @Option(names = "--rope-theta", defaultValue = "500000", description = "RoPE base (default: ${DEFAULT-VALUE}, as 2B4T).") float ropeTheta;
    @Option(names = "--rms-eps", defaultValue = "1e-5") float rmsEps;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT") Path out;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        SyntheticModelSpec s = new SyntheticModelSpec(arch, layers, dim, ffn, heads, kvHeads, type, embeddingType, seed, ctx, ropeTheta, rmsEps);
        long start = System.nanoTime();
        try (GgufFile vocab = GgufFile.open(vocabFrom)) {
            new SyntheticModelWriter(s, vocab.metadata()).write(out);
        }
        spec.commandLine().getErr().printf("wrote %s (%s, %.1f MB) in %.1f s%n", out, s.describe(),
            Files.size(out) / 1e6, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
