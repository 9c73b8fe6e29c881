package bitnet.workbench.engine;

import bitnet.workbench.model.ModelOptions;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static bitnet.workbench.engine.FakeTokenizer.BOS;
import static bitnet.workbench.engine.FakeTokenizer.byteToken;
import static org.assertj.core.api.Assertions.assertThat;

class EngineWarmUpTest {
    private final FakeTokenizer tokenizer = new FakeTokenizer();
    private final int x = byteToken('x');

    /** A model that always continues with 'x', so decoding never ends on its own. */
    private FakeLanguageModel model(int contextLength) {
        return FakeLanguageModel.favouring(tokenizer.vocabSize(), contextLength, (history, length) -> x);
    }

    /** False for the first {@code calls} questions, true from then on. */
    private static BooleanSupplier trueAfter(int calls) {
        AtomicInteger asked = new AtomicInteger();
        return () -> asked.incrementAndGet() > calls;
    }

    @Test
    void aCompleteWarmUpEvaluatesThePromptInTwoBatchesThenDecodesOneTokenAtATime() {
        FakeLanguageModel m = model(4096);

        EngineWarmUp.Outcome o = EngineWarmUp.run(new EngineWarmUp(m, tokenizer, 0), () -> false);

        assertThat(o.promptTokens()).isEqualTo(32);
        assertThat(o.decodedTokens()).isEqualTo(8);
        assertThat(o.plannedTokens()).isEqualTo(40);
        assertThat(o.rounds()).isOne();
        assertThat(o.stopped()).isFalse();
        assertThat(o.nanos()).isPositive();
        List<int[]> appends = m.appends();
        // two halves of the prompt, then each decoded token but the last (nothing follows it)
        assertThat(appends).extracting(a -> a.length).containsExactly(16, 16, 1, 1, 1, 1, 1, 1, 1);
        int[] prompt = new int[32];
        System.arraycopy(appends.get(0), 0, prompt, 0, 16);
        System.arraycopy(appends.get(1), 0, prompt, 16, 16);
        assertThat(prompt[0]).isEqualTo(BOS);
        assertThat(Arrays.copyOfRange(prompt, 1, 4)).containsExactly(byteToken('A'), byteToken(' '), byteToken('t'));
        assertThat(appends.subList(2, appends.size())).allSatisfy(a -> assertThat(a).containsExactly(x));
        assertThat(m.openSequences()).isZero();
    }

    @Test
    void roundsRepeatOnATruncatedSequenceUntilTheMinimumTimeHasPassed() {
        FakeLanguageModel m = model(4096);
        long min = 60_000_000L;

        EngineWarmUp.Outcome o = EngineWarmUp.run(new EngineWarmUp(m, tokenizer, min), () -> false);

        assertThat(o.rounds()).isGreaterThan(1);
        assertThat(o.nanos()).isGreaterThanOrEqualTo(min);
        assertThat(o.stopped()).isFalse();
        assertThat(o.promptTokens()).isEqualTo(32 * o.rounds());
        assertThat(o.decodedTokens()).isEqualTo(8 * o.rounds());
        List<int[]> appends = m.appends();
        assertThat(appends).hasSize(9 * o.rounds());
        // every round starts again from position 0 with the same prompt
        for (int r = 1; r < o.rounds(); r++) {
            assertThat(appends.get(9 * r)).containsExactly(appends.get(0));
            assertThat(appends.get(9 * r + 1)).containsExactly(appends.get(1));
        }
        assertThat(m.openSequences()).isZero();
    }

    @Test
    void aStopBeforeTheFirstStepEvaluatesNothing() {
        FakeLanguageModel m = model(4096);

        EngineWarmUp.Outcome o = EngineWarmUp.run(new EngineWarmUp(m, tokenizer, 0), () -> true);

        assertThat(o.stopped()).isTrue();
        assertThat(o.promptTokens() + o.decodedTokens()).isZero();
        assertThat(m.appends()).isEmpty();
        assertThat(m.openSequences()).isZero();
    }

    @Test
    void aStopAfterTheFirstHalfEndsBeforeTheSecond() {
        FakeLanguageModel m = model(4096);

        EngineWarmUp.Outcome o = EngineWarmUp.run(new EngineWarmUp(m, tokenizer, 0), trueAfter(1));

        assertThat(o).extracting(EngineWarmUp.Outcome::promptTokens, EngineWarmUp.Outcome::decodedTokens, EngineWarmUp.Outcome::stopped)
            .containsExactly(16, 0, true);
        assertThat(m.appends()).extracting(a -> a.length).containsExactly(16);
        assertThat(m.openSequences()).isZero();
    }

    @Test
    void aStopWhileDecodingEndsBeforeTheNextToken() {
        FakeLanguageModel m = model(4096);

        // asked before each step: both halves and the first token run
        EngineWarmUp.Outcome o = EngineWarmUp.run(new EngineWarmUp(m, tokenizer, 0), trueAfter(3));

        assertThat(o).extracting(EngineWarmUp.Outcome::promptTokens, EngineWarmUp.Outcome::decodedTokens, EngineWarmUp.Outcome::stopped)
            .containsExactly(32, 1, true);
        assertThat(m.appends()).extracting(a -> a.length).containsExactly(16, 16, 1);
        assertThat(m.openSequences()).isZero();
    }

    @Test
    void stepsCanBeTakenOneAtATimeAndTheSequenceExistsOnlyWhileItRuns() {
        FakeLanguageModel m = model(4096);
        EngineWarmUp w = new EngineWarmUp(m, tokenizer, 0);
        assertThat(m.openSequences()).isZero();

        int steps = 0;
        while (w.step()) {
            steps++;
            assertThat(m.openSequences()).isOne();
            assertThat(w.outcome().stopped()).isEqualTo(!w.done());
        }

        assertThat(steps).isEqualTo(2 + 8);
        assertThat(w.done()).isTrue();
        assertThat(w.step()).isFalse();
        assertThat(m.appends()).hasSize(9);
        w.close();
        assertThat(m.openSequences()).isZero();
    }

    @Test
    void aShortContextGetsAShorterPromptAndRoomToDecode() {
        FakeLanguageModel m = model(12);

        EngineWarmUp.Outcome o = EngineWarmUp.run(new EngineWarmUp(m, tokenizer, 0), () -> false);

        assertThat(o).extracting(EngineWarmUp.Outcome::promptTokens, EngineWarmUp.Outcome::decodedTokens, EngineWarmUp.Outcome::plannedTokens, EngineWarmUp.Outcome::stopped)
            .containsExactly(6, 6, 12, false);
        assertThat(m.appends()).extracting(a -> a.length).containsExactly(3, 3, 1, 1, 1, 1, 1);
    }

    @Test
    void aContextTooShortForAPromptAndAReplyIsLeftAlone() {
        FakeLanguageModel m = model(3);

        EngineWarmUp.Outcome o = EngineWarmUp.run(new EngineWarmUp(m, tokenizer, 0), () -> false);

        assertThat(o.promptTokens() + o.decodedTokens()).isZero();
        assertThat(m.appends()).isEmpty();
    }

    @Test
    void tokensTheModelDoesNotKnowAreLeftOutOfThePrompt() {
        int vocab = byteToken('a'); // every lower-case letter is outside this vocabulary

        int[] prompt = EngineWarmUp.prompt(tokenizer, 4096, vocab);

        assertThat(prompt).hasSize(32);
        assertThat(Arrays.stream(prompt).max().orElseThrow()).isLessThan(vocab);
        assertThat(prompt[0]).isEqualTo(BOS);
        assertThat(Arrays.copyOfRange(prompt, 1, 4)).containsExactly(byteToken('A'), byteToken(' '), byteToken(' '));
    }

    @Test
    void aBackgroundWarmUpGivesTheModelBackOnlyAfterItsCurrentStep() throws Exception {
        FakeLanguageModel m = model(4096);
        CountDownLatch inFirstStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        m.onAppend(call -> {
            if (call == 0) {
                inFirstStep.countDown();
                release.await();
            }
        });

        EngineWarmUp.Background warmUp = EngineWarmUp.inBackground(m, tokenizer);
        assertThat(inFirstStep.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<EngineWarmUp.Outcome> handedBack = CompletableFuture.supplyAsync(warmUp::stopAndWait);
        Thread.sleep(200);
        assertThat(handedBack).isNotDone();
        release.countDown();

        EngineWarmUp.Outcome o = handedBack.get(10, TimeUnit.SECONDS);
        assertThat(o).extracting(EngineWarmUp.Outcome::promptTokens, EngineWarmUp.Outcome::decodedTokens, EngineWarmUp.Outcome::stopped)
            .containsExactly(16, 0, true);
        assertThat(m.appends()).hasSize(1);
        assertThat(m.openSequences()).isZero();
    }

    @Test
    void aWarmedUpModelGeneratesWhatAFreshlyOpenedOneDoes() throws Exception {
        Path file = Reference.model("bitnet-tiny-i2_s.gguf");
        ModelOptions options = ModelOptions.defaults().withContextLength(128).withKernel("vector-lut").withThreads(2);
        GenerationSettings greedy = GenerationSettings.defaults().withSampling(SamplerSettings.greedy()).withMaxTokens(12);
        int[] prompt = {1, 403, 407, 261, 378, 290, 301, 455, 12, 77, 310};
        try (LoadedModel warmed = LoadedModel.open(file, options); LoadedModel fresh = LoadedModel.open(file, options)) {
            EngineWarmUp.Outcome o = EngineWarmUp.run(new EngineWarmUp(warmed.model(), warmed.tokenizer(), 1_500_000_000L), () -> false);
            assertThat(o.stopped()).isFalse();
            assertThat(o.rounds()).isGreaterThan(1);
            assertThat(o.promptTokens()).isEqualTo(32 * o.rounds());
            assertThat(o.decodedTokens()).isEqualTo(8 * o.rounds());

            GenerationResult afterWarmUp;
            GenerationResult unwarmed;
            try (GenerationSession a = warmed.newSession(); GenerationSession b = fresh.newSession()) {
                afterWarmUp = a.generate(prompt, greedy, TokenListener.NONE);
                unwarmed = b.generate(prompt, greedy, TokenListener.NONE);
            }
            assertThat(afterWarmUp.tokens()).hasSize(12).containsExactly(unwarmed.tokens());
        }
    }
}
