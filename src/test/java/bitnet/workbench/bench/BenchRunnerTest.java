package bitnet.workbench.bench;

import bitnet.workbench.bench.BenchEvent.Phase;
import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.testsupport.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BenchRunnerTest {
    private static final int PP = 6;
    private static final int TG = 5;
    private static final int REPS = 3;

    @ParameterizedTest
    @ValueSource(strings = {"bitnet-tiny-tq2_0.gguf", "bitnet-b158-tiny-i2_s.gguf", "stories260K.gguf"})
    void everyCombinationYieldsAResultWhoseFiguresFollowFromItsTimings(String fileName) throws Exception {
        Path model = Reference.model(fileName);
        BenchRun run = FastSettings.runner(FastSettings.plan(model, List.of(1, 2), PP, TG, REPS, 1)).run(BenchListener.none());

        assertThat(run.cancelled()).isFalse();
        assertThat(run.failures()).isEmpty();
        assertThat(run.results()).extracting(CombinationResult::combination)
            .containsExactly(new Combination(1, Kernels.DEFAULT), new Combination(2, Kernels.DEFAULT));
        // one measurement per thread count before the combinations, one after each combination
        assertThat(run.bandwidth()).extracting(BandwidthMeasurement::threads).containsExactly(1, 2, 1, 2);
        for (CombinationResult r : run.results()) {
            assertThat(r.promptTokens()).isEqualTo(PP);
            assertThat(r.decodeTokens()).isEqualTo(TG);
            assertThat(r.repetitions()).isEqualTo(REPS);
            assertThat(r.repetitionResults()).hasSize(REPS + 1);
            assertThat(r.repetitionResults().getFirst().warmup()).isTrue();
            List<RepetitionResult> timed = r.repetitionResults().stream().filter(x -> !x.warmup()).toList();
            assertThat(timed).hasSize(REPS);
            for (RepetitionResult rep : r.repetitionResults()) {
                assertThat(rep.promptTokens()).isEqualTo(PP);
                assertThat(rep.decodeNanos()).hasSize(TG).allSatisfy(n -> assertThat(n).isPositive());
                assertThat(rep.latencyPercentileMillis(50)).isLessThanOrEqualTo(rep.latencyPercentileMillis(95));
            }
            // recompute every figure from the raw timings
            double[] decodeRates = timed.stream().mapToDouble(x -> TG / (x.decodeNanos().stream().mapToLong(Long::longValue).sum() / 1e9)).toArray();
            double[] promptRates = timed.stream().mapToDouble(x -> PP / (x.promptNanos() / 1e9)).toArray();
            double[] ttft = timed.stream().mapToDouble(x -> x.promptNanos() / 1e6).toArray();
            assertThat(r.decodeTokensPerSecond().median()).isCloseTo(median(decodeRates), within(1e-9 * median(decodeRates)));
            assertThat(r.decodeTokensPerSecond().min()).isCloseTo(Arrays.stream(decodeRates).min().orElseThrow(), within(1e-6));
            assertThat(r.decodeTokensPerSecond().max()).isCloseTo(Arrays.stream(decodeRates).max().orElseThrow(), within(1e-6));
            assertThat(r.promptTokensPerSecond().median()).isCloseTo(median(promptRates), within(1e-9 * median(promptRates)));
            assertThat(r.timeToFirstTokenMillis().median()).isCloseTo(median(ttft), within(1e-9));
            assertThat(r.latencyP50Millis().median()).isLessThanOrEqualTo(r.latencyP95Millis().median());
            assertThat(r.latencyP50Millis().min()).isLessThanOrEqualTo(r.latencyP50Millis().median());
            assertThat(r.latencyP50Millis().median()).isLessThanOrEqualTo(r.latencyP50Millis().max());

            assertThat(r.rssBytes()).isPositive();
            assertThat(r.peakRssBytes()).isGreaterThanOrEqualTo(r.rssBytes());
            assertThat(r.heapUsedBytes()).isPositive();
            long pagesOfFile = (Files.size(model) + 4095) / 4096 * 4096;
            assertThat(r.mappedModelBytes()).isPositive().isLessThanOrEqualTo(pagesOfFile);

            assertThat(r.bytesPerToken()).isEqualTo(run.bytesPerToken().total());
            double bandwidth = run.bandwidthFor(r.combination().threads()).orElseThrow().bytesPerSecond();
            double best = run.bandwidth().stream().filter(b -> b.threads() == r.combination().threads())
                .mapToDouble(BandwidthMeasurement::bytesPerSecond).max().orElseThrow();
            assertThat(bandwidth).isEqualTo(best);
            assertThat(r.bandwidthBytesPerSecond()).isEqualTo(bandwidth).isPositive();
            assertThat(r.ceilingTokensPerSecond()).isCloseTo(bandwidth / r.bytesPerToken(), within(1e-6));
            assertThat(r.fractionOfCeiling()).isCloseTo(r.decodeTokensPerSecond().median() / r.ceilingTokensPerSecond(), within(1e-12));
        }
        assertThat(run.model().path()).isEqualTo(model.toAbsolutePath().toString());
        assertThat(run.machine().logicalCores()).isPositive();
        assertThat(run.machine().vectorBitSize()).isGreaterThanOrEqualTo(64);
    }

    @Test
    void eventsArriveInRunOrderAndTheLastCarriesTheReturnedRun() throws Exception {
        Path model = Reference.model("bitnet-tiny-tq2_0.gguf");
        FastSettings.Recorder recorder = new FastSettings.Recorder();
        int warmup = 1;
        int reps = 2;
        BenchRun run = FastSettings.runner(FastSettings.plan(model, List.of(2, 1), 4, 3, reps, warmup)).run(recorder);

        List<BenchEvent> events = recorder.withoutMemorySamples();
        int at = 0;
        assertThat(events.get(at++)).isInstanceOf(BenchEvent.RunStarted.class);
        assertThat(((BenchEvent.BandwidthMeasured) events.get(at++)).measurement().threads()).isEqualTo(2);
        assertThat(((BenchEvent.BandwidthMeasured) events.get(at++)).measurement().threads()).isEqualTo(1);
        for (int c = 0; c < 2; c++) {
            assertThat(events.get(at++)).isEqualTo(new BenchEvent.CombinationStarted(c, new Combination(c == 0 ? 2 : 1, Kernels.DEFAULT)));
            for (int r = 0; r < warmup + reps; r++) {
                BenchEvent.TokenTimed prompt = (BenchEvent.TokenTimed) events.get(at++);
                assertThat(prompt).extracting(BenchEvent.TokenTimed::index, BenchEvent.TokenTimed::repetition, BenchEvent.TokenTimed::warmup,
                    BenchEvent.TokenTimed::phase, BenchEvent.TokenTimed::tokens).containsExactly(c, r, r < warmup, Phase.PROMPT, 4);
                for (int t = 0; t < 3; t++) {
                    BenchEvent.TokenTimed token = (BenchEvent.TokenTimed) events.get(at++);
                    assertThat(token.phase()).isEqualTo(Phase.DECODE);
                    assertThat(token.step()).isEqualTo(t);
                }
                BenchEvent.RepetitionFinished finished = (BenchEvent.RepetitionFinished) events.get(at++);
                assertThat(finished.result().repetition()).isEqualTo(r);
                assertThat(finished.result().promptNanos()).isEqualTo(prompt.nanos());
            }
            BenchEvent.BandwidthMeasured after = (BenchEvent.BandwidthMeasured) events.get(at++);
            assertThat(after.measurement().threads()).isEqualTo(c == 0 ? 2 : 1);
            BenchEvent.CombinationFinished done = (BenchEvent.CombinationFinished) events.get(at++);
            double best = Math.max(after.measurement().bytesPerSecond(), run.bandwidth().get(c).bytesPerSecond());
            assertThat(done.result().bandwidthBytesPerSecond()).as("the better of the measurements before and after").isEqualTo(best);
            assertThat(done.result()).isEqualTo(run.results().get(c));
        }
        assertThat(events.get(at++)).isEqualTo(new BenchEvent.RunFinished(run));
        assertThat(at).isEqualTo(events.size());

        List<MemorySample> samples = recorder.memorySamples();
        assertThat(samples).isNotEmpty().isEqualTo(run.memory());
        for (int i = 1; i < samples.size(); i++) {
            assertThat(samples.get(i).elapsedNanos()).isGreaterThanOrEqualTo(samples.get(i - 1).elapsedNanos());
        }
        assertThat(samples).allSatisfy(s -> assertThat(s.rssBytes()).isPositive());
    }

    @Test
    void cancellingFromAnotherThreadStopsBeforeTheNextTokenAndKeepsFinishedCombinations() throws Exception {
        Path model = Reference.model("bitnet-tiny-tq2_0.gguf");
        BenchRunner runner = FastSettings.runner(FastSettings.plan(model, List.of(1, 2), 4, 20, 2, 0));
        CountDownLatch secondCombinationDecoding = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicInteger tokensAfterCancel = new AtomicInteger();
        FastSettings.Recorder recorder = new FastSettings.Recorder();
        Thread canceller = Thread.ofPlatform().start(() -> {
            try {
                secondCombinationDecoding.await();
                runner.cancel();
                cancelled.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        BenchRun run = runner.run(recorder.andThen(e -> {
            if (e instanceof BenchEvent.TokenTimed t && t.index() == 1) {
                if (cancelled.getCount() == 0) tokensAfterCancel.incrementAndGet();
                if (t.phase() == Phase.DECODE && t.step() == 2) {
                    secondCombinationDecoding.countDown();
                    await(cancelled); // make sure the cancel lands while this token's step is the latest
                }
            }
        }));
        canceller.join();

        assertThat(run.cancelled()).isTrue();
        assertThat(run.results()).extracting(CombinationResult::combination).containsExactly(new Combination(1, Kernels.DEFAULT));
        assertThat(tokensAfterCancel).hasValue(0);
        List<BenchEvent> events = recorder.withoutMemorySamples();
        assertThat(events.getLast()).isEqualTo(new BenchEvent.RunCancelled(run));
        assertThat(events).noneMatch(e -> e instanceof BenchEvent.CombinationFinished f && f.result().index() == 1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anUnknownKernelIsRejectedWithTheNamesOfTheAvailableOnes() {
        assertThatThrownBy(() -> new BenchPlan(Path.of("m.gguf"), List.of(1), List.of("no-such-kernel"), 8, 4, 1, 0, 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("unknown kernel 'no-such-kernel'")
            .hasMessageContaining("available kernels: " + String.join(", ", Kernels.names()));
    }

    @Test
    void aPromptOrDecodeLongerThanTheContextIsRejectedBeforeAnythingRuns() {
        Path model = Reference.model("bitnet-tiny-tq2_0.gguf"); // context 256
        FastSettings.Recorder recorder = new FastSettings.Recorder();
        assertThatThrownBy(() -> FastSettings.runner(FastSettings.plan(model, List.of(1), 257, 7, 1, 0)).run(recorder))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("prompt 257 tokens exceed the model's context of 256");
        assertThatThrownBy(() -> FastSettings.runner(FastSettings.plan(model, List.of(1), 7, 300, 1, 0)).run(recorder))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("decode 300 tokens exceed the model's context of 256");
        assertThat(recorder.events).isEmpty();
    }

    @Test
    void decodingStartsFromAnEmptyContextUnlessAskedToFollowThePrompt() throws Exception {
        Path model = Reference.model("bitnet-tiny-tq2_0.gguf"); // context 256
        // From an empty context, 200 + 200 tokens fit: decoding reuses positions 0..199.
        BenchRun fromEmpty = FastSettings.runner(FastSettings.plan(model, List.of(1), 200, 200, 1, 0)).run(BenchListener.none());
        assertThat(fromEmpty.failures()).isEmpty();
        assertThat(fromEmpty.results().getFirst().decodeTokens()).isEqualTo(200);
        assertThat(fromEmpty.bytesPerToken().meanContext()).isEqualTo(100.5);

        BenchPlan afterPrompt = new BenchPlan(model, List.of(1), List.of(Kernels.DEFAULT), 20, 10, 1, 0, BenchPlan.DEFAULT_SEED, true);
        BenchRun chatLike = FastSettings.runner(afterPrompt).run(BenchListener.none());
        assertThat(chatLike.failures()).isEmpty();
        assertThat(chatLike.bytesPerToken().meanContext()).isEqualTo(25.5); // positions 20..29 attend 21..30
        assertThatThrownBy(() -> FastSettings.runner(new BenchPlan(model, List.of(1), List.of(Kernels.DEFAULT), 200, 200, 1, 0,
            BenchPlan.DEFAULT_SEED, true)).run(BenchListener.none()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("prompt 200 + decode 200 tokens exceed the model's context of 256");
    }

    @Test
    void aListenerExceptionEndsTheRunAndReachesTheCaller() {
        Path model = Reference.model("bitnet-tiny-tq2_0.gguf");
        IllegalStateException boom = new IllegalStateException("listener broke");
        assertThatThrownBy(() -> FastSettings.runner(FastSettings.plan(model, List.of(1), 4, 2, 1, 0)).run(e -> {
            if (e instanceof BenchEvent.RepetitionFinished) throw boom;
        })).isSameAs(boom);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
