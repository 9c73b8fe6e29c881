package bitnet.workbench.model;

import bitnet.workbench.convert.SyntheticModelSpec;
import bitnet.workbench.convert.SyntheticModelWriter;
import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decoded token's attention is split differently with different thread counts: whole KV heads
 * per job, and the KV heads that do not divide among the threads one job per pair of query
 * heads. Eight query heads over two KV heads with three threads splits both; every projection
 * input of every layer, prompt and decoded position (the attention output among them) must not
 * change by a bit. (The logits may: the float output head sums in another order per thread.)
 */
class AttentionJobsTest {
    @TempDir
    Path tmp;

    @Test
    void decodingGivesTheSameActivationsHoweverTheAttentionJobsAreSplit() throws Exception {
        Path file = tmp.resolve("eight-heads.gguf");
        SyntheticModelSpec spec = new SyntheticModelSpec("bitnet-b1.58", 2, 512, 512, 8, 2, GgmlType.I2_S, GgmlType.F16, 7, 64, 10000f, 1e-5f);
        try (GgufFile vocab = GgufFile.open(Reference.model("stories260K.gguf"))) {
            new SyntheticModelWriter(spec, vocab.metadata()).write(file);
        }
        int[] prompt = {1, 403, 407, 261, 378};
        try (GgufFile f = GgufFile.open(file); TransformerModel model = ModelLoader.load(f, ModelOptions.defaults().withContextLength(64))) {
            List<float[]> reference = null;
            for (String kernel : List.of("vector-lut", "vector-i8")) {
                for (int threads : new int[] {1, 2, 3}) {
                    model.reconfigure(kernel, threads);
                    List<float[]> inputs = decode(model, prompt, 6);
                    if (reference == null) {
                        reference = inputs;
                        continue;
                    }
                    assertThat(inputs).hasSameSizeAs(reference);
                    for (int i = 0; i < inputs.size(); i++) {
                        assertThat(inputs.get(i)).as("%s, %d threads, input %d", kernel, threads, i).containsExactly(reference.get(i));
                    }
                }
            }
        }
    }

    /** Every projection input, in order, while the prompt and then a fixed token sequence are decoded. */
    private static List<float[]> decode(TransformerModel model, int[] prompt, int steps) {
        List<float[]> out = new ArrayList<>();
        try (Sequence seq = model.newSequence()) {
            seq.setProbe(new ForwardProbe() {
                @Override
                public void activationVector(int layer, BitLinearInput input, int position, float[] x, int offset, int length) {
                    out.add(java.util.Arrays.copyOfRange(x, offset, offset + length));
                }
            });
            float[] logits = new float[model.vocabSize()];
            seq.append(prompt, 0, prompt.length, logits);
            for (int i = 0; i < steps; i++) seq.append(new int[] {300 + 17 * i}, 0, 1, logits);
        }
        return out;
    }
}
