package bitnet.workbench.cli;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Prints a GGUF file's metadata and tensor table. */
@Command(name = "info", description = "Show a GGUF file's metadata and tensors.")
public final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The GGUF file.")
    Path file;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        try (GgufFile f = GgufFile.open(file)) {
            System.out.println("GGUF v" + f.version() + ", " + f.metadata().size() + " metadata keys, " + f.tensors().size() + " tensors");
            f.metadata().asMap().forEach((k, v) -> System.out.println("  " + k + " = " + v.display(8)));
            for (GgufTensorInfo t : f.tensors()) {
                System.out.printf("  %-40s %-6s %-24s %12d%n", t.name(), t.type(), t.shapeString(), t.byteSize());
            }
        }
        return 0;
    }
}
