package bitnet.workbench.cli;

import bitnet.workbench.convert.ModelTernarizer;
import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Ternarizes the projection weights of a float model. */
@Command(name = "quantize", description = "Ternarize the 2-D projection weights of an F32/F16/BF16 model (absmean), copying all metadata.")
public final class QuantizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN") Path in;
    @Parameters(index = "1", paramLabel = "OUT") Path out;
    @Option(names = "--type", required = true, description = "I2_S, TQ2_0 or TQ1_0.") GgmlType type;
    @Option(names = "--embedding-type", defaultValue = "F16", description = "Type for token_embd/output (default: ${DEFAULT-VALUE}).") GgmlType embeddingType;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("OUT must differ from IN (the input file is never overwritten)");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (GgufFile f = GgufFile.open(in)) {
            ModelTernarizer t = new ModelTernarizer(f, type, embeddingType);
            for (ModelTernarizer.TensorPlan p : t.plan()) {
                if (p.target() != p.source().type() || p.reason().startsWith("kept")) {
                    err.printf("  %-32s %-5s -> %-5s %s%n", p.source().name(), p.source().type(), p.target(), p.reason());
                }
            }
            t.write(out);
        }
        err.printf("wrote %s (%.1f MB)%n", out, Files.size(out) / 1e6);
        return 0;
    }
}
