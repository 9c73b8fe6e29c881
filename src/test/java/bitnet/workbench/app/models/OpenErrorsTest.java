package bitnet.workbench.app.models;

import bitnet.workbench.gguf.GgufFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class OpenErrorsTest {
    @TempDir
    Path dir;

    private static String messageFor(Path p) {
        try (GgufFile f = GgufFile.open(p)) {
            throw new AssertionError("expected " + p + " to fail, but it opened with " + f.tensors().size() + " tensors");
        } catch (Exception | Error e) {
            if (e instanceof AssertionError a) throw a;
            return OpenErrors.describe(p, e);
        }
    }

    private static void assertPlain(String m) {
        assertThat(m).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\n").endsWith(".");
    }

    private static String loadMessageFor(Path p) {
        try (bitnet.workbench.engine.LoadedModel m = bitnet.workbench.engine.LoadedModel.open(p, bitnet.workbench.model.ModelOptions.defaults())) {
            throw new AssertionError("expected " + p + " to fail to load, but it loaded " + m.name());
        } catch (Exception | Error e) {
            if (e instanceof AssertionError a) throw a;
            return OpenErrors.describe(p, e);
        }
    }

    @Test
    void aGgufWithoutTheModelsTensorsIsSaidToNotBeARunnableModel() {
        Path fixture = ReferenceModels.path("formats/fmt-q8_0.gguf");
        String m = loadMessageFor(fixture);
        assertThat(m).isEqualTo("Could not open fmt-q8_0.gguf: it does not describe a model the engine can run "
            + "(tensor 'token_embd.weight' is missing; a llama model with 1 blocks needs it).");
        assertPlain(m);
    }

    @Test
    void aVocabularyOnlyFileIsSaidToLackTheModelsMetadata() {
        String m = loadMessageFor(ReferenceModels.path("ggml-vocab-llama3-bpe-rebuilt.gguf"));
        assertThat(m).startsWith("Could not open ggml-vocab-llama3-bpe-rebuilt.gguf: ").contains("llama.embedding_length");
        assertPlain(m);
    }

    @Test
    void aMissingFileIsSaidToNotExist() {
        String m = messageFor(dir.resolve("gone.gguf"));
        assertThat(m).isEqualTo("Could not open gone.gguf: the file does not exist.");
    }

    @Test
    void aTextFileIsSaidToNotBeAGgufModelWithoutRepeatingItsPath() throws Exception {
        Path p = Files.writeString(dir.resolve("notes.gguf"), "hello, this is text and not a model at all");
        String m = messageFor(p);
        assertThat(m).startsWith("Could not open notes.gguf: it is not a GGUF model the workbench can read (bad magic")
            .contains("at byte 0").doesNotContain(dir.toString());
        assertPlain(m);
    }

    @Test
    void aTruncatedModelSaysSo() throws Exception {
        byte[] whole = Files.readAllBytes(ReferenceModels.path("bitnet-tiny-tq2_0.gguf"));
        Path p = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(whole, whole.length / 2));
        String m = messageFor(p);
        assertThat(m).startsWith("Could not open cut.gguf: it is not a GGUF model").contains("truncated");
        assertPlain(m);
    }

    @Test
    void aFolderIsSaidToBeAFolder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.gguf"));
        assertThat(messageFor(folder)).isEqualTo("Could not open folder.gguf: it is a folder, not a model file.");
    }

    @Test
    void anUnexpectedFailureNamesItsKindButNoStackTrace() {
        String m = OpenErrors.describe(Path.of("/x/m.gguf"), new IllegalStateException("odd state"));
        assertThat(m).isEqualTo("Could not open m.gguf: unexpected IllegalStateException (odd state).");
    }
}
