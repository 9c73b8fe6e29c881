package bitnet.workbench.train;

import bitnet.workbench.gguf.GgmlType;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.gguf.GgufTensorInfo;
import bitnet.workbench.model.ModelLoader;
import bitnet.workbench.model.ModelOptions;
import bitnet.workbench.model.Sequence;
import bitnet.workbench.model.TransformerModel;
import bitnet.workbench.tokenizer.Tokenizer;
import bitnet.workbench.tokenizer.Tokenizers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exported files load in the project's engine and compute what training computed. */
class GgufExporterTest {
    private static WorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void anI2SExportGivesTheEngineTheLogitsOfTheQuantizedTrainingForwardPass(@TempDir Path dir) throws IOException {
        Trained t = trainBriefly(128, 256, FfnActivation.RELU2);
        Path file = dir.resolve("m-i2_s.gguf");
        new GgufExporter(GgmlType.I2_S, GgmlType.F32, "test").export(t.model, file);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.metadata().getString("general.architecture")).isEqualTo("bitnet-b1.58");
            assertThat(f.metadata().getString("tokenizer.ggml.pre")).isEqualTo("llama-bpe");
            GgufTensorInfo q = f.tensors().stream().filter(x -> x.name().equals("blk.0.attn_q.weight")).findFirst().orElseThrow();
            assertThat(q.type()).isEqualTo(GgmlType.I2_S);
            assertThat(q.shape()).containsExactly(128L, 128L);
        }
        float maxDiff = compareWithEngine(t, file);
        assertThat(maxDiff).isLessThan(1e-4f);
    }

    @Test
    void aTq20SiluExportWithF16EmbeddingAgreesUpToTheFp16RoundingOfScales(@TempDir Path dir) throws IOException {
        Trained t = trainBriefly(256, 256, FfnActivation.SILU);
        Path file = dir.resolve("m-tq2_0.gguf");
        GgufExporter.of(GgmlType.TQ2_0).export(t.model, file);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.metadata().getString("general.architecture")).isEqualTo("bitnet");
            assertThat(f.tensors().stream().filter(x -> x.name().equals("token_embd.weight")).findFirst().orElseThrow().type())
                .isEqualTo(GgmlType.F16);
        }
        assertThat(compareWithEngine(t, file)).isLessThan(0.02f);
    }

    @Test
    void theEnginesTokenizerEncodesLikeTheTrainingEncoder(@TempDir Path dir) throws IOException {
        Trained t = trainBriefly(128, 128, FfnActivation.RELU2);
        Path file = dir.resolve("m.gguf");
        GgufExporter.of(GgmlType.I2_S).export(t.model, file);
        BpeEncoder mine = new BpeEncoder(t.model.vocabulary());
        try (GgufFile f = GgufFile.open(file)) {
            Tokenizer engine = Tokenizers.fromMetadata(f.metadata());
            for (String text : List.of("In the beginning God created the heaven and the earth.\n",
                "And God said, Let there be light: and there was light.", "  odd   spacing\n\n", "Zebra 12345 'tis",
                "naïve café — 日本 🙂")) {
                assertThat(engine.encode(text, false, false)).as(text).containsExactly(mine.encode(text));
            }
            assertThat(engine.encode("And", true, false)[0]).isEqualTo(t.model.vocabulary().bosId());
            assertThat(engine.bos()).isEqualTo(t.model.vocabulary().bosId());
            assertThat(engine.eos()).isEqualTo(t.model.vocabulary().eosId());
        }
    }

    @Test
    void dimensionsThatAreNotWholeBlocksAreRefusedWithAHint(@TempDir Path dir) {
        Trained t = trainBriefly(64, 128, FfnActivation.RELU2);
        assertThatThrownBy(() -> GgufExporter.of(GgmlType.TQ2_0).export(t.model, dir.resolve("x.gguf")))
            .hasMessageContaining("multiple of the TQ2_0 block size 256");
    }

    private record Trained(TrainedModel model, TrainableModel trainable, int[] prompt) {
    }

    private static Trained trainBriefly(int dim, int ffn, FfnActivation act) {
        TrainerTest.Setup s = TrainerTest.setup(1, 5);
        ModelConfig c = new ModelConfig(s.vocab().size(), dim, 2, 4, 2, ffn, 32, 10000f, 1e-5f, act);
        ModelParameters params = ModelParameters.initialized(c, 5);
        Trainer trainer = new Trainer(params, s.vocab(), s.train(), s.train(), s.settings().withSteps(15), pool, null, null);
        try {
            trainer.run();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        int[] prompt = new BpeEncoder(s.vocab()).encode("And God saw the light, that it");
        int[] withBos = new int[prompt.length + 1];
        withBos[0] = s.vocab().bosId();
        System.arraycopy(prompt, 0, withBos, 1, prompt.length);
        return new Trained(trainer.trainedModel(), trainer.model(), withBos);
    }

    /** Largest absolute logit difference after the prompt; also requires the same top token. */
    private static float compareWithEngine(Trained t, Path file) throws IOException {
        float[] expected = t.trainable.lastLogits(t.prompt);
        float[] actual = new float[expected.length];
        try (TransformerModel m = ModelLoader.load(file, ModelOptions.defaults()); Sequence seq = m.newSequence()) {
            seq.append(t.prompt, 0, t.prompt.length, actual);
        }
        float max = 0, spread = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
            spread = Math.max(spread, Math.abs(expected[i]));
        }
        assertThat(argmax(actual)).isEqualTo(argmax(expected));
        assertThat(spread).as("logits are not trivially zero").isGreaterThan(1f);
        System.err.printf("%s: max |logit diff| %.3g (max |logit| %.3g)%n", file.getFileName(), max, spread);
        return max;
    }

    private static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }
}
