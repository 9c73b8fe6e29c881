package bitnet.workbench.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a {@link TrainedModel} to a file. The GGUF exporters (I2_S and TQ2_0 ternary weights,
 * F16 embedding, F32 norms) implement this on top of the gguf package's writer and the tensor
 * package's quantizers, encoding a {@link GgufLayout}.
 */
@FunctionalInterface
public interface ModelExporter {
    void export(TrainedModel model, Path file) throws IOException;
}
