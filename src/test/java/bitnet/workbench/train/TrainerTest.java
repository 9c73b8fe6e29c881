package bitnet.workbench.train;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {
    static final String TEXT = """
        In the beginning God created the heaven and the earth.
        And the earth was without form, and void; and darkness was upon the face of the deep.
        And the Spirit of God moved upon the face of the waters.
        And God said, Let there be light: and there was light.
        And God saw the light, that it was good: and God divided the light from the darkness.
        And God called the light Day, and the darkness he called Night.
        """;
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
    void aTinyQuantizedModelOverfitsATinyText() throws IOException {
        Setup s = setup(200, 7);
        List<Double> losses = new ArrayList<>();
        Trainer t = s.trainer(null, new Trainer.Listener() {
            @Override
            public void onStep(Trainer.StepReport r) {
                losses.add(r.loss());
            }
        });
        double initial = t.heldOutLoss();
        Trainer.Summary sum = t.run();
        // uniform guessing over 300 tokens costs ln 300 = 5.7 nats; memorizing six verses costs almost nothing
        assertThat(initial).isGreaterThan(5.0);
        assertThat(losses.getFirst()).isGreaterThan(4.5);
        assertThat(sum.lastTrainLoss()).as("losses every 10 steps: %s", losses).isLessThan(0.5);
        assertThat(sum.tokensSeen()).isEqualTo(200L * 4 * 32);
        String continuation = GreedyContinuation.of(t.model(), new BpeEncoder(s.vocab()), "In the beginning", 40);
        assertThat(continuation).startsWith("In the beginning God created the heaven and the earth");
    }

    @Test
    void resumingFromACheckpointGivesExactlyTheWeightsOfAnUninterruptedRun(@TempDir Path dir) throws IOException {
        Setup straight = setup(6, 3);
        Trainer a = straight.trainer(null, null);
        a.run();

        Setup first = setup(6, 3);
        Path file = dir.resolve("ckpt.bin");
        Trainer b = first.trainer(file, null);
        TrainingSettings three = first.settings;
        // stop after 3 steps: a run of 3 steps with the same schedule of 6 writes its checkpoint at the end
        Trainer half = new Trainer(first.params, first.vocab, first.train, first.train,
            new TrainingSettings(3, three.batch(), three.seqLen(), three.schedule(), three.optimizer(), three.seed(),
                three.quantization(), three.heldOutEvery(), three.evalEvery(), three.evalBatches(), 1, 1),
            pool, file, null);
        half.run();
        assertThat(b).isNotNull();
        Checkpoint c = Checkpoint.read(file);
        assertThat(c.step()).isEqualTo(3);
        assertThat(c.vocabulary()).isEqualTo(first.vocab);
        Trainer resumed = new Trainer(c.parameters(), c.vocabulary(), first.train, first.train, straight.settings, pool,
            null, null);
        resumed.restore(c);
        resumed.run();
        for (Parameter p : straight.params.all()) {
            assertThat(c.parameters().byName(p.name()).values()).as(p.name()).containsExactly(p.values());
        }
        assertThat(Files.list(dir).toList()).containsExactly(file);
    }

    @Test
    void aCorruptCheckpointIsReportedNotLoaded(@TempDir Path dir) throws IOException {
        Setup s = setup(1, 1);
        Path file = dir.resolve("c.bin");
        s.trainer(file, null).run();
        byte[] all = Files.readAllBytes(file);
        Files.write(dir.resolve("short.bin"), java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> Checkpoint.read(dir.resolve("short.bin"))).hasMessageContaining("truncated");
        Files.writeString(dir.resolve("text.bin"), "hello, not a checkpoint");
        assertThatThrownBy(() -> Checkpoint.read(dir.resolve("text.bin"))).hasMessageContaining("bad magic");
        assertThatThrownBy(() -> Checkpoint.read(dir.resolve("missing.bin"))).hasMessageContaining("not found");
    }

    @Test
    void learningRateWarmsUpLinearlyThenDecaysByCosineToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 110, 0.1, LearningRateSchedule.Decay.COSINE);
        assertThat(s.at(0)).isCloseTo(1e-4, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(s.at(9)).isCloseTo(1e-3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(s.at(60)).isCloseTo(1e-3 * (0.1 + 0.9 * 0.5), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(s.at(110)).isCloseTo(1e-4, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(s.at(500)).isCloseTo(1e-4, org.assertj.core.api.Assertions.within(1e-12));
        LearningRateSchedule lin = new LearningRateSchedule(1.0, 0, 100, 0.0, LearningRateSchedule.Decay.LINEAR);
        assertThat(lin.at(25)).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void adamWDecaysMatricesButNotNormsAndClipsTheGlobalGradientNorm() {
        Parameter matrix = new Parameter("m", 1 + 1, 1, true);
        Parameter norm = new Parameter("n", 1, 1, false);
        matrix.values()[0] = 1f;
        matrix.values()[1] = 1f;
        norm.values()[0] = 1f;
        matrix.gradient()[0] = 30f;   // global norm 50 → clipped to 1: (0.6, 0, 0.8)
        norm.gradient()[0] = 40f;
        AdamW opt = new AdamW(List.of(matrix, norm), new AdamW.Settings(0.9, 0.95, 1e-8, 0.5, 1.0));
        assertThat(opt.update(0.1, pool)).isEqualTo(50.0);
        // first Adam step moves every coordinate with a non-zero gradient by lr·sign(g); decay adds lr·wd·w
        assertThat(matrix.values()[0]).isCloseTo(1f - 0.1f - 0.05f, org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(matrix.values()[1]).isCloseTo(1f - 0.05f, org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(norm.values()[0]).isCloseTo(1f - 0.1f, org.assertj.core.api.Assertions.within(1e-6f));
    }

    record Setup(ModelParameters params, BpeVocabulary vocab, TokenStream train, TrainingSettings settings) {
        Trainer trainer(Path checkpoint, Trainer.Listener l) {
            return new Trainer(params, vocab, train, train, settings, pool, checkpoint, l);
        }
    }

    static Setup setup(int steps, long seed) {
        BpeTrainer bt = new BpeTrainer(PreTokenizer.LLAMA3);
        List<String> lines = TEXT.lines().toList();
        for (String l : lines) bt.add(l + "\n");
        BpeVocabulary vocab = bt.train(300);
        TokenStream stream = TokenStream.encode(new BpeEncoder(vocab), lines);
        ModelConfig c = new ModelConfig(vocab.size(), 32, 2, 2, 1, 64, 32, 10000f, 1e-5f, FfnActivation.RELU2);
        TrainingSettings s = new TrainingSettings(steps, 4, 32,
            new LearningRateSchedule(1e-2, Math.min(10, steps), steps, 0.1, LearningRateSchedule.Decay.COSINE),
            new AdamW.Settings(0.9, 0.95, 1e-8, 0.0, 1.0), seed, Quantization.FULL, 2, 1000, 1, 1000, 10);
        return new Setup(ModelParameters.initialized(c, seed), vocab, stream, s);
    }
}
