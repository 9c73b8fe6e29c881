package bitnet.workbench.app.models;

import bitnet.workbench.app.settings.EngineSettings;
import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.gguf.GgufFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A model that is loaded and ready to run, with everything the Models view shows about it computed
 * once, off the FX thread, and the engine settings it was loaded with.
 */
public record OpenedModel(Path path, LoadedModel model, ModelSummary summary, List<TensorRow> tensors,
                          List<MetadataEntry> metadata, Duration openTime, EngineSettings settings) {

    static OpenedModel describe(Path path, LoadedModel model, Duration openTime, EngineSettings settings) {
        GgufFile file = model.file();
        return new OpenedModel(path, model, ModelSummary.of(file), file.tensors().stream().map(TensorRow::of).toList(),
            MetadataEntry.listOf(file.metadata()), openTime, settings);
    }

    public GgufFile file() {
        return model.file();
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    /** Positions the loaded model holds (the chosen context, capped by what the model was trained for). */
    public int contextLength() {
        return model.model().contextLength();
    }
}
