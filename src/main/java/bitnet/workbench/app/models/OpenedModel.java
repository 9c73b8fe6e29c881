package bitnet.workbench.app.models;

import bitnet.workbench.gguf.GgufFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A model file that is open, with everything the Models view shows about it computed once, off the
 * FX thread. When the inference loader lands, the loaded model joins the file here.
 */
public record OpenedModel(Path path, GgufFile file, ModelSummary summary, List<TensorRow> tensors,
                          List<MetadataEntry> metadata, Duration openTime) {

    static OpenedModel describe(Path path, GgufFile file, Duration openTime) {
        return new OpenedModel(path, file, ModelSummary.of(file), file.tensors().stream().map(TensorRow::of).toList(),
            MetadataEntry.listOf(file.metadata()), openTime);
    }

    public String fileName() {
        return path.getFileName().toString();
    }
}
