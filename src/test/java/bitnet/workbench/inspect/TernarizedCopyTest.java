package bitnet.workbench.inspect;

import bitnet.workbench.engine.LoadedModel;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.model.ModelOptions;
import bitnet.workbench.tensor.TensorFormats;
import bitnet.workbench.testsupport.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class TernarizedCopyTest {

    @Test
    void everyProjectionOfTheCopyIsMinusZeroOrPlusTheAbsmeanOfTheOriginal() throws Exception {
        try (GgufFile src = GgufFile.open(Reference.model("stories260K.gguf"));
             TernarizedCopy copy = TernarizedCopy.of(src, ModelOptions.defaults())) {
            GgufFile out = copy.model().file();
            int projections = 0;
            for (GgufTensorInfo t : src.tensors()) {
                int n = (int) t.elementCount();
                float[] a = new float[n];
                float[] b = new float[n];
                TensorFormats.of(t.type()).dequantize(src.tensorData(t), 0, n, a, 0);
                GgufTensorInfo u = out.tensor(t.name());
                TensorFormats.of(u.type()).dequantize(out.tensorData(u), 0, n, b, 0);
                if (!TernarizedCopy.isFloatProjection(t)) {
                    assertThat(b).as(t.name()).containsExactly(a);
                    continue;
                }
                projections++;
                double sumAbs = 0;
                for (float v : a) sumAbs += Math.abs(v);
                float gamma = (float) (sumAbs / n);
                TreeSet<Float> distinct = new TreeSet<>();
                for (int i = 0; i < n; i++) {
                    distinct.add(b[i]);
                    assertThat(b[i]).isEqualTo((float) Math.max(-1, Math.min(1, Math.rint(a[i] / gamma))) * gamma);
                }
                assertThat(distinct).as(t.name()).containsExactly(-gamma, 0f, gamma);
            }
            assertThat(projections).isEqualTo(5 * 7);
        }
    }

    @Test
    void theFloatModelsGreedyContinuationMatchesTheReferenceAndTheTernarizedOneDiffers() throws Exception {
        JsonNode c = Reference.json("stories260k_generation.json").path("runs").get(0).path("cases").get(0);
        int[] expected = Arrays.copyOf(Reference.ints(c.path("gen_ids")), 16);
        try (LoadedModel m = LoadedModel.open(Reference.model("stories260K.gguf"), ModelOptions.defaults());
             TernarizedCopy copy = TernarizedCopy.of(m.file(), ModelOptions.defaults())) {
            GreedyComparison g = GreedyComparison.run(m.model(), copy.model().model(), m.tokenizer(), c.path("prompt").asText(), 16);
            assertThat(g.first()).containsExactly(expected);
            assertThat(g.firstText()).startsWith(", there was a little girl");
            assertThat(g.second()).hasSize(16);
            assertThat(g.agreeing()).isLessThan(16);
            int same = 0;
            while (same < 16 && g.first()[same] == g.second()[same]) same++;
            assertThat(g.agreeing()).isEqualTo(same);
        }
    }
}
