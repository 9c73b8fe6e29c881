package bitnet.workbench.tokenizer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** The reference vocabularies under {@code reference.dir}; tests that need them are skipped when it is absent. */
final class ReferenceVocabularies {
    static final String SPM = "stories260K.gguf";
    static final String BPE = "ggml-vocab-llama3-bpe-rebuilt.gguf";

    private static final ConcurrentHashMap<String, GgufMetadata> METADATA = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();

    private ReferenceVocabularies() {}

    static Path referenceDir() {
        String dir = System.getProperty("reference.dir");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "reference data not found (system property reference.dir = " + dir + "); skipping");
        return Path.of(dir);
    }

    static Path model(String file) {
        Path p = referenceDir().resolve("models").resolve(file);
        assumeTrue(Files.isRegularFile(p), "reference model " + p + " is missing; skipping");
        return p;
    }

    static GgufMetadata metadata(String file) {
        return METADATA.computeIfAbsent(file, f -> {
            try (GgufFile gguf = GgufFile.open(model(f))) {
                return gguf.metadata();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static Tokenizer tokenizer(String file) {
        GgufMetadata md = metadata(file);
        return TOKENIZERS.computeIfAbsent(file, f -> Tokenizers.fromMetadata(md));
    }

    static Tokenizer spm() { return tokenizer(SPM); }
    static Tokenizer bpe() { return tokenizer(BPE); }
}
