package bitnet.workbench.cli;

import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.tensor.TensorFormats;
import bitnet.workbench.testsupport.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code workbench inspect} in-process, as a user would. */
class InspectCommandTest {

    /** −1/0/+1 counts from the signs of the dequantized values: the test's own reading of the tensor. */
    private static long[] counts(Path model, String tensor) throws Exception {
        try (GgufFile f = GgufFile.open(model)) {
            GgufTensorInfo t = f.tensor(tensor);
            float[] v = new float[(int) t.elementCount()];
            TensorFormats.of(t.type()).dequantize(f.tensorData(t), 0, v.length, v, 0);
            long[] c = new long[3];
            for (float x : v) c[(int) Math.signum(x) + 1]++;
            return c;
        }
    }

    @Test
    void printsTernaryCountsSparsityScaleAndBitsPerWeightForEveryTensor() throws Exception {
        Path model = Reference.model("bitnet-tiny-i2_s.gguf");
        long[] c = counts(model, "blk.0.attn_q.weight");
        CliRun r = CliRun.of("inspect", model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String sparsity = String.format(Locale.ROOT, "%.2f %%", 100.0 * c[1] / (256 * 256));
        assertThat(r.out())
            .containsPattern("blk\\.0\\.attn_q\\.weight +I2_S +256x256 +" + c[0] + " +" + c[1] + " +" + c[2] + " +" + sparsity + " +0\\.0665894 +2\\.004")
            .containsPattern("token_embd\\.weight +F16 +256x512 +min -0\\.4")
            .contains("Ternary weights: 1179648;")
            .doesNotContain("Activations");
        assertThat(r.out().lines().filter(l -> l.matches("  blk\\.\\d\\..*I2_S.*"))).hasSize(14);
    }

    @Test
    void jsonCarriesTheSameCountsAndTheScales() throws Exception {
        Path model = Reference.model("bitnet-tiny-tq2_0.gguf");
        CliRun r = CliRun.of("inspect", "--json", model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.path("tensors")).hasSize(24);
        JsonNode scales = Reference.json("synthetic_bitnet.json").path("models").path("bitnet-tiny-f32.gguf").path("ternary_scales");
        for (JsonNode t : root.path("tensors")) {
            if (!t.path("type").asText().equals("TQ2_0")) continue;
            long[] c = counts(model, t.path("name").asText());
            assertThat(new long[] {t.at("/counts/minus").asLong(), t.at("/counts/zero").asLong(), t.at("/counts/plus").asLong()}).containsExactly(c);
            assertThat(t.at("/scale/mean").asDouble()).isEqualTo(scales.path(t.path("name").asText()).asDouble());
            assertThat(t.path("bitsPerWeight").asDouble()).isEqualTo(66 * 8 / 256.0);
            assertThat(t.path("sparsity").asDouble()).isEqualTo((double) c[1] / (c[0] + c[1] + c[2]));
        }
        assertThat(root.has("activations")).isFalse();
    }

    @Test
    void aPromptAddsTheActivationScalesOfEveryLayerInputAndToken() throws Exception {
        Path model = Reference.model("bitnet-tiny-i2_s.gguf");
        CliRun r = CliRun.of("inspect", "--json", "--prompt", "Once upon a time", model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(r.out()).path("activations");
        assertThat(a.path("tokens")).hasSize(5);
        assertThat(a.path("tokens").get(1).path("text").asText()).isEqualTo("▁Once");
        assertThat(a.path("layers")).hasSize(2);
        for (JsonNode layer : a.path("layers")) {
            for (String input : new String[] {"ATTN_QKV", "ATTN_OUTPUT", "FFN_GATE_UP", "FFN_DOWN"}) {
                JsonNode absMax = layer.path(input).path("absMax");
                JsonNode scale = layer.path(input).path("scale");
                assertThat(absMax).hasSize(5);
                for (int t = 0; t < 5; t++) {
                    assertThat(absMax.get(t).asDouble()).isPositive();
                    assertThat((float) scale.get(t).asDouble()).isEqualTo((float) (127.0 / (float) absMax.get(t).asDouble()));
                }
            }
        }

        CliRun text = CliRun.of("inspect", "--prompt", "Once upon a time", model.toString());
        assertThat(text.out()).contains("Activations for \"Once upon a time\" (5 tokens)")
            .containsPattern("\n +1 +FFN_DOWN +4 +\"▁time\" +[0-9.]+ +[0-9.]+\n");
    }

    @Test
    void aMissingFileIsOnePlainErrorLine() {
        CliRun r = CliRun.of("inspect", "/no/such/model.gguf");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).contains("/no/such/model.gguf").doesNotContain("\tat ").doesNotContain("\n");
    }

    @Test
    void aFloatModelShowsValueRangesAndNoTernaryWeights() {
        CliRun r = CliRun.of("inspect", Reference.model("stories260K.gguf").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("blk\\.0\\.attn_q\\.weight +F32 +64x64 +min -[0-9.]+ +max [0-9.]+").contains("No ternary tensors.");
    }
}
