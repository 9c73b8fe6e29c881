package bitnet.workbench.cli;

import bitnet.workbench.gguf.ReferenceFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Runs {@code workbench info} in-process with captured output, as a user would run it. */
class InfoCommandTest {
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = WorkbenchCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /*
     * bitnet-tiny (reference README §3): n_embd 256, n_ff 512, 2 layers, 4 heads of 64, 2 KV heads.
     * Per layer the 7 ternary matrices hold q 256x256, k and v 256x128, o 256x256, gate, up and down 256x512;
     * the rest is token_embd 256x512 (F16), per layer 3 norms of 256 and ffn_sub_norm of 512, and output_norm.
     */
    private static final long TERNARY = 2L * (256 * 256 * 2 + 256 * 128 * 2 + 256 * 512 * 3);
    private static final long OTHER = 256 * 512 + 2L * (3 * 256 + 512) + 256;
    private static final long TQ2_BYTES = TERNARY / 256 * 66 + 256 * 512 * 2 + (2L * (3 * 256 + 512) + 256) * 4;

    @Test
    void printsMetadataTensorsAndTotalsOfATernaryModel() throws IOException {
        Path model = ReferenceFiles.model("bitnet-tiny-tq2_0.gguf");
        Run r = run("info", model.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
            .contains("GGUF v3, 23 metadata keys, 24 tensors, alignment 32")
            .containsPattern("general\\.architecture +STRING +\"bitnet\"")
            .containsPattern("tokenizer\\.ggml\\.tokens +ARRAY +STRING\\[512\\] \\[\"<unk>\", \"<s>\", \"</s>\", .*, \\.\\.\\. 504 more\\]")
            .containsPattern("blk\\.0\\.attn_q\\.weight +TQ2_0 +\\[256, 256\\] +16896 +2\\.063")
            .containsPattern("token_embd\\.weight +F16 +\\[256, 512\\] +262144 +16\\.000")
            .containsPattern("tensors +24\n")
            .containsPattern("parameters +" + (TERNARY + OTHER) + "\n")
            .containsPattern("tensor bytes +" + TQ2_BYTES + "\n")
            .contains(String.format(java.util.Locale.ROOT, "%.2f %% of parameters (%d in TQ1_0/TQ2_0/I2_S)", 100.0 * TERNARY / (TERNARY + OTHER), TERNARY))
            .contains("file size      " + Files.size(model) + " bytes (576.7 KiB)");
    }

    @Test
    void jsonOutputIsOneDocumentWithTheSameFacts() throws IOException {
        Path model = ReferenceFiles.model("bitnet-tiny-i2_s.gguf");
        Run r = run("info", "--json", model.toString());
        assertThat(r.exitCode()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("version").asInt()).isEqualTo(3);
        assertThat(doc.get("metadata").get("general.architecture").get("value").asText()).isEqualTo("bitnet");
        JsonNode tokens = doc.get("metadata").get("tokenizer.ggml.tokens");
        assertThat(tokens.get("elementType").asText()).isEqualTo("STRING");
        assertThat(tokens.get("count").asInt()).isEqualTo(512);
        assertThat(tokens.get("first")).hasSize(InfoCommand.ARRAY_ITEMS);
        assertThat(tokens.get("first").get(1).asText()).isEqualTo("<s>");
        assertThat(doc.get("metadata").get("tokenizer.ggml.padding_token_id").get("value").asLong()).isEqualTo(4294967295L);
        JsonNode tensors = doc.get("tensors");
        assertThat(tensors).hasSize(24);
        JsonNode q = null;
        for (JsonNode t : tensors) if (t.get("name").asText().equals("blk.0.attn_q.weight")) q = t;
        assertThat(q).isNotNull();
        assertThat(q.get("type").asText()).isEqualTo("I2_S");
        assertThat(q.get("shape").get(0).asLong()).isEqualTo(256);
        assertThat(q.get("shape").get(1).asLong()).isEqualTo(256);
        assertThat(q.get("bytes").asLong()).isEqualTo(256 * 256 / 4 + 32);
        assertThat(q.get("bitsPerWeight").asDouble()).isCloseTo(8.0 * (256 * 256 / 4 + 32) / (256 * 256), within(1e-12));
        JsonNode totals = doc.get("totals");
        assertThat(totals.get("tensors").asInt()).isEqualTo(24);
        assertThat(totals.get("parameters").asLong()).isEqualTo(TERNARY + OTHER);
        assertThat(totals.get("ternaryParameters").asLong()).isEqualTo(TERNARY);
        assertThat(totals.get("ternaryShare").asDouble()).isCloseTo((double) TERNARY / (TERNARY + OTHER), within(1e-12));
        assertThat(totals.get("fileSize").asLong()).isEqualTo(Files.size(model));
        long sum = 0;
        for (JsonNode t : tensors) sum += t.get("bytes").asLong();
        assertThat(totals.get("tensorBytes").asLong()).isEqualTo(sum);
    }

    @Test
    void aVocabularyOnlyFileHasNoTensorsAndNoTernaryShare() {
        Run r = run("info", ReferenceFiles.model("ggml-vocab-llama3-bpe-rebuilt.gguf").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("0 tensors").contains("STRING[128256]").contains("128248 more").contains("(no tensors)")
            .containsPattern("ternary +0\\.00 % of parameters");
    }

    @Test
    void aCorruptFileExitsWithStatusTwoAndOnePlainErrorLine(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("corrupt.gguf");
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes()).putInt(3).putLong(1L << 62).putLong(0);
        Files.write(bad, b.array());
        Run r = run("info", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: " + bad + ": at byte 8: tensor count is 4611686018427387904, but the 48 bytes left"
            + " in the file can hold at most 1 (32 bytes each at least); file truncated or corrupt" + System.lineSeparator());

        Run debug = run("info", "--debug", bad.toString());
        assertThat(debug.exitCode()).isEqualTo(2);
        assertThat(debug.err()).startsWith("error: " + bad + ": at byte 8").contains("GgufFormatException").contains("\tat ");
    }

    @Test
    void aMissingFileIsOneClearLine(@TempDir Path dir) {
        Path missing = dir.resolve("nope.gguf");
        Run r = run("info", missing.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void aMissingArgumentIsAUsageError() {
        Run r = run("info");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter: 'FILE'").contains("Usage:");
    }
}
