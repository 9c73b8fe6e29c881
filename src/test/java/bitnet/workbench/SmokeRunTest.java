package bitnet.workbench;

import bitnet.workbench.testsupport.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeRunTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int smoke(String... args) {
        return SmokeRun.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }
    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void generatesTheSameGreedyTokensAsLlamaCppOnStories260KAndExitsZero() {
        Path model = Reference.model("stories260K.gguf");
        JsonNode once = Reference.json("stories260k_generation.json").get("runs").get(0).get("cases").get(0);
        assertThat(once.get("prompt").asText()).isEqualTo(SmokeRun.PROMPT);
        int[] expected = Arrays.copyOf(Reference.ints(once.get("gen_ids")), SmokeRun.TOKENS);

        int status = smoke(model.toString());

        assertThat(status).as(err()).isZero();
        assertThat(out())
            .contains("prompt \"Once upon a time\" = " + Arrays.toString(Reference.ints(once.get("prompt_ids"))))
            .contains("smoke: generated " + Arrays.toString(expected))
            .containsPattern("decode 8 tokens, [0-9.]+ tok/s; stop: max_tokens")
            .contains("smoke: ok in ");
        assertThat(err()).isEmpty();
    }

    @Test
    void findsTheShippedModelInTheModelsFolderWhenNoneIsNamed() {
        // Surefire runs in the project folder, where ./workbench finds models/ too.
        assertThat(ShippedModels.firstModel(ShippedModels.dir()))
            .hasValueSatisfying(p -> assertThat(p.getFileName().toString()).isEqualTo("bitnet-b158-synthetic-tiny-i2_s.gguf"));

        int status = smoke();

        assertThat(status).as(err()).isZero();
        assertThat(out()).contains("bitnet-b158-synthetic-tiny-i2_s.gguf").containsPattern("generated \\[(\\d+, ){7}\\d+\\]")
            .contains("smoke: ok in ");
    }

    @Test
    void aMissingModelIsOneLineAndStatusOne(@TempDir Path dir) {
        int status = smoke(dir.resolve("nope.gguf").toString());

        assertThat(status).isEqualTo(1);
        assertThat(err()).startsWith("smoke: no such model file: ").contains("nope.gguf").hasLineCount(1);
    }

    @Test
    void aFileThatIsNotGgufFailsWithStatusOneInsteadOfThrowing(@TempDir Path dir) throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.gguf"), "not a model");

        int status = smoke(junk.toString());

        assertThat(status).isEqualTo(1);
        assertThat(err()).startsWith("smoke: failed: ").hasLineCount(1);
    }

    @Test
    void anEmptyModelsFolderIsReportedByName(@TempDir Path dir) {
        assertThat(ShippedModels.firstModel(dir)).isEmpty();
        assertThat(ShippedModels.firstModel(dir.resolve("absent"))).isEmpty();
    }
}
