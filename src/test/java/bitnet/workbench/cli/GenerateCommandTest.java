package bitnet.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole path a user takes: text in, tokenizer, model, sampler, streamed text out. */
class GenerateCommandTest {
    private static final Path REF = Path.of(System.getProperty("reference.dir", "../shared/reference"));

    private static Path stories() {
        Path p = REF.resolve("models/stories260K.gguf");
        Assumptions.assumeTrue(Files.isRegularFile(p), "reference folder absent: " + p);
        return p;
    }

    @Test
    void greedyGenerationFromTextReproducesLlamaCppForEveryStoriesPrompt() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(REF.resolve("stories260k_generation.json").toFile())
            .get("runs").get(0).get("cases");
        assertThat(cases.size()).isEqualTo(6);
        for (JsonNode c : cases) {
            CliRun r = CliRun.of("generate", "-m", stories().toString(), "-p", c.get("prompt").asText(), "--temp", "0", "-n", "64");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).as(c.get("prompt").asText()).isEqualTo(c.get("gen_text").asText() + System.lineSeparator());
            assertThat(r.err()).contains("decode: 64 tokens").contains("stop: max tokens");
        }
    }

    @Test
    void logitsModePrintsTheTopLogitsOfTheLastPromptPositionAsJson() throws Exception {
        JsonNode c = new ObjectMapper().readTree(REF.resolve("stories260k_generation.json").toFile())
            .get("runs").get(0).get("cases").get(0);
        CliRun r = CliRun.of("generate", "-m", stories().toString(), "-p", c.get("prompt").asText(), "--logits", "10");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("prompt_ids").toString()).isEqualTo(c.get("prompt_ids").toString());
        for (int i = 0; i < 10; i++) {
            assertThat(json.get("top_logits").get(i).get(0).asInt()).isEqualTo(c.get("top10").get(i).get(0).asInt());
            assertThat(json.get("top_logits").get(i).get(1).asDouble()).isCloseTo(c.get("top10").get(i).get(1).asDouble(), org.assertj.core.data.Offset.offset(1e-2));
        }
    }

    @Test
    void aStopStringEndsTheReplyAndIsNotPrinted() {
        CliRun r = CliRun.of("generate", "-m", stories().toString(), "-p", "Once upon a time", "--temp", "0", "-n", "64", "--stop", "Lily");
        assertThat(r.out()).isEqualTo(", there was a little girl named " + System.lineSeparator());
        assertThat(r.err()).contains("stop: stop string");
    }

    @Test
    void aPromptLongerThanTheContextIsAPlainErrorWithExitStatus2() {
        CliRun r = CliRun.of("generate", "-m", stories().toString(), "-p", "Once upon a time ".repeat(20), "--ctx", "16", "--temp", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains("context holds only 16").doesNotContain("at bitnet.");
    }

    @Test
    void anUnsupportedArchitectureIsNamedInAPlainError(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("gpt2.gguf");
        try (var in = bitnet.workbench.gguf.GgufFile.open(stories())) {
            bitnet.workbench.gguf.GgufWriter.copyOf(in)
                .put("general.architecture", bitnet.workbench.gguf.GgufValue.ofString("gpt2"))
                .write(f);
        }
        CliRun r = CliRun.of("generate", "-m", f.toString(), "-p", "Hi");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("gpt2").contains("bitnet-b1.58").contains("llama").doesNotContain("Exception");
    }
}
