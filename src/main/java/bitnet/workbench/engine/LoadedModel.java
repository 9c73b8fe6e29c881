package bitnet.workbench.engine;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.model.ModelLoader;
import bitnet.workbench.model.ModelOptions;
import bitnet.workbench.model.TransformerModel;
import bitnet.workbench.tokenizer.ChatTemplate;
import bitnet.workbench.tokenizer.Tokenizer;
import bitnet.workbench.tokenizer.Tokenizers;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Everything opened from one GGUF file that the CLI and the window need: the mapping, the
 * runnable model and its tokenizer. Closing it releases the mapping.
 */
public final class LoadedModel implements AutoCloseable {
    private final GgufFile file;
    private final TransformerModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate chatTemplate;

    private LoadedModel(GgufFile file, TransformerModel model, Tokenizer tokenizer) {
        this.file = file;
        this.model = model;
        this.tokenizer = tokenizer;
        this.chatTemplate = ChatTemplate.forModel(file.metadata(), tokenizer);
    }

    /** Opens {@code path}; on any failure nothing stays open. */
    public static LoadedModel open(Path path, ModelOptions options) throws IOException {
        GgufFile file = GgufFile.open(path);
        try {
            TransformerModel model = ModelLoader.load(file, options);
            Tokenizer tokenizer = Tokenizers.fromMetadata(file.metadata());
            return new LoadedModel(file, model, tokenizer);
        } catch (RuntimeException | Error e) {
            file.close();
            throw e;
        }
    }

    public GgufFile file() { return file; }
    public TransformerModel model() { return model; }
    public Tokenizer tokenizer() { return tokenizer; }
    public Path path() { return file.path(); }
    /** The model's chat format: its own Jinja template, the built-in BitNet one, or plain text. */
    public ChatTemplate chatTemplate() { return chatTemplate; }

    public String name() {
        return file.metadata().findString("general.name").orElse(file.path().getFileName().toString());
    }

    public GenerationSession newSession() {
        return new GenerationSession(model, tokenizer);
    }

    @Override
    public void close() {
        model.close();
        file.close();
    }
}
