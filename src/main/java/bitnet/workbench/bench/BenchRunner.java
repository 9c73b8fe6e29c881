package bitnet.workbench.bench;

import bitnet.workbench.bench.BenchEvent.Phase;
import bitnet.workbench.gguf.GgufFile;
import bitnet.workbench.model.LanguageModel;
import bitnet.workbench.model.ModelConfig;
import bitnet.workbench.model.ModelLoader;
import bitnet.workbench.model.ModelOptions;
import bitnet.workbench.model.Sequence;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Runs a {@link BenchPlan}: measures memory bandwidth per thread count, then every combination of
 * threads × kernels, streaming {@link BenchEvent}s to a listener while it goes. The model file is
 * mapped once; each combination loads the model over that mapping with its kernel and thread count.
 *
 * <p>{@link #cancel()} may be called from any thread (so may interrupting the running thread): the
 * run stops before the next timed step, i.e. after the token (or prompt batch) being evaluated,
 * drops the unfinished combination and returns the finished ones.
 */
public final class BenchRunner {
    /** Settings of the measurement machinery rather than of the benchmark itself; tests shrink them. */
    public record Settings(long bandwidthArrayBytes, int bandwidthPasses, Duration bandwidthBudget, Duration memorySampleInterval) {
        public static Settings defaults() {
            return new Settings(MemoryBandwidth.DEFAULT_ARRAY_BYTES, MemoryBandwidth.DEFAULT_PASSES,
                MemoryBandwidth.DEFAULT_BUDGET, MemorySampler.DEFAULT_INTERVAL);
        }
    }

    private final BenchPlan plan;
    private final ModelOptions baseOptions;
    private final Settings settings;
    private volatile boolean cancelRequested;

    public BenchRunner(BenchPlan plan) {
        this(plan, ModelOptions.defaults(), Settings.defaults());
    }

    /** @param baseOptions load options every combination starts from before its kernel and threads are set */
    public BenchRunner(BenchPlan plan, ModelOptions baseOptions, Settings settings) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.baseOptions = Objects.requireNonNull(baseOptions, "baseOptions");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public BenchPlan plan() { return plan; }

    /** Asks the run to stop before its next timed step; finished combinations are kept. */
    public void cancel() {
        cancelRequested = true;
    }

    public boolean isCancelled() {
        return cancelRequested || Thread.currentThread().isInterrupted();
    }

    /**
     * Runs the plan on the calling thread and returns what it measured (also delivered as the last
     * event). Fails with an exception before any combination runs if the model cannot be opened or
     * the prompt and decode lengths do not fit its context; a combination that fails to load is
     * reported as {@link BenchEvent.CombinationFailed} and the run goes on.
     */
    public BenchRun run(BenchListener listener) throws IOException {
        try {
            return runWith(listener);
        } catch (ListenerFailed e) {
            throw e.original();
        }
    }

    private BenchRun runWith(BenchListener listener) throws IOException {
        Dispatcher events = new Dispatcher(Objects.requireNonNull(listener, "listener"));
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        try (GgufFile file = GgufFile.open(plan.model())) {
            ModelConfig config = ModelConfig.from(file.metadata());
            int context = baseOptions.contextLength() > 0 ? baseOptions.contextLength() : config.contextLength();
            int pp = plan.promptTokens();
            int tg = plan.decodeTokens();
            if (Math.max(pp, plan.decodeStart() + tg) > context) {
                String what = plan.decodeAfterPrompt() ? "prompt " + pp + " + decode " + tg : pp > context ? "prompt " + pp : "decode " + tg;
                throw new IllegalArgumentException(what + " tokens exceed the model's context of " + context + " positions");
            }
            ModelSummary model = ModelSummary.of(file, config);
            BytesPerToken bytes = BytesPerToken.of(file, config, plan.decodeStart(), plan.decodeTokens());
            MachineInfo machine = MachineInfo.current();
            List<Combination> combinations = plan.combinations();
            events.emit(new BenchEvent.RunStarted(plan, machine, model, bytes, combinations, started.toString()));

            List<MemorySample> timeline = new ArrayList<>();
            ProcessMemory memory = new ProcessMemory(plan.model(), file.mapping().address(), file.mapping().byteSize());
            List<BandwidthMeasurement> bandwidth = new ArrayList<>();
            List<CombinationResult> results = new ArrayList<>();
            List<CombinationFailure> failures = new ArrayList<>();
            try (MemorySampler sampler = new MemorySampler(memory, startNanos, settings.memorySampleInterval(), s -> {
                synchronized (timeline) {
                    timeline.add(s);
                }
                events.emit(new BenchEvent.MemorySampled(s));
            })) {
                sampler.start();
                measureBandwidth(events, bandwidth);
                Tokens tokens = Tokens.of(plan, config.vocabSize());
                for (int i = 0; i < combinations.size() && !isCancelled(); i++) {
                    Combination c = combinations.get(i);
                    try {
                        results.add(runCombination(i, c, file, tokens, sampler, bandwidth, bytes, events));
                    } catch (Cancelled e) {
                        break;
                    } catch (ListenerFailed e) {
                        throw e;
                    } catch (RuntimeException e) {
                        CombinationFailure f = new CombinationFailure(i, c, e.getMessage() == null ? e.toString() : e.getMessage());
                        failures.add(f);
                        events.emit(new BenchEvent.CombinationFailed(f));
                    }
                }
            }
            boolean cancelled = isCancelled();
            List<MemorySample> samples;
            synchronized (timeline) {
                samples = List.copyOf(timeline);
            }
            BenchRun run = new BenchRun(machine, model, plan, bytes, started.toString(), Instant.now().toString(), cancelled,
                bandwidth, results, failures, samples);
            events.emit(cancelled ? new BenchEvent.RunCancelled(run) : new BenchEvent.RunFinished(run));
            return run;
        }
    }

    private void measureBandwidth(Dispatcher events, List<BandwidthMeasurement> out) {
        measureBandwidth(events, out, new LinkedHashSet<>(plan.threads()));
    }

    private void measureBandwidth(Dispatcher events, List<BandwidthMeasurement> out, Iterable<Integer> threadCounts) {
        try (MemoryBandwidth probe = new MemoryBandwidth(settings.bandwidthArrayBytes())) {
            for (int threads : threadCounts) {
                if (isCancelled()) return;
                BandwidthMeasurement m = probe.measure(threads, settings.bandwidthPasses(), settings.bandwidthBudget(), this::isCancelled);
                if (m.passes() == 0) return;
                out.add(m);
                events.emit(new BenchEvent.BandwidthMeasured(m));
            }
        }
    }

    /**
     * Runs one combination, then measures the bandwidth with its thread count again: the host's
     * state moves within seconds (two threads streamed 24–54 GB/s within a quarter of an hour on
     * the VM we measure on), so the ceiling is the best of the measurements before and after it.
     * The memory figures are taken before the probe's array exists.
     */
    private CombinationResult runCombination(int index, Combination c, GgufFile file, Tokens tokens, MemorySampler sampler,
                                             List<BandwidthMeasurement> bandwidth, BytesPerToken bytes, Dispatcher events) {
        // Pages of the file that an earlier combination read (vector-i8 reads the weights in place)
        // would otherwise count in this one's resident set; they stay in the page cache.
        if (file.mapping().isMapped()) file.mapping().unload();
        ProcessMemory.resetPeak();
        events.emit(new BenchEvent.CombinationStarted(index, c));
        ModelOptions options = baseOptions.withKernel(c.kernel()).withThreads(c.threads());
        List<RepetitionResult> reps = new ArrayList<>();
        try (LanguageModel model = ModelLoader.load(file, options); Sequence seq = model.newSequence()) {
            float[] logits = new float[model.vocabSize()];
            for (int r = 0; r < plan.repetitionsPerCombination(); r++) {
                RepetitionResult rep = runRepetition(index, r, r < plan.warmup(), seq, tokens, logits, events);
                reps.add(rep);
                events.emit(new BenchEvent.RepetitionFinished(index, c, rep));
            }
        }
        MemorySample memory = sampler.sample();
        measureBandwidth(events, bandwidth, List.of(c.threads()));
        double bestBandwidth = BandwidthMeasurement.best(bandwidth, c.threads()).map(BandwidthMeasurement::bytesPerSecond).orElse(Double.NaN);
        CombinationResult result = CombinationResult.of(index, c, reps, memory, bestBandwidth, bytes);
        events.emit(new BenchEvent.CombinationFinished(result));
        return result;
    }

    private RepetitionResult runRepetition(int index, int repetition, boolean warmup, Sequence seq, Tokens tokens,
                                           float[] logits, Dispatcher events) {
        seq.truncate(0);
        checkCancelled();
        int pp = plan.promptTokens();
        long t0 = System.nanoTime();
        seq.append(tokens.prompt, 0, pp, logits);
        long promptNanos = System.nanoTime() - t0;
        events.emit(new BenchEvent.TokenTimed(index, repetition, warmup, Phase.PROMPT, 0, pp, promptNanos));
        seq.truncate(plan.decodeStart());
        List<Long> decode = new ArrayList<>(plan.decodeTokens());
        for (int i = 0; i < plan.decodeTokens(); i++) {
            checkCancelled();
            long s = System.nanoTime();
            seq.append(tokens.decode, i, 1, logits);
            long nanos = System.nanoTime() - s;
            decode.add(nanos);
            events.emit(new BenchEvent.TokenTimed(index, repetition, warmup, Phase.DECODE, i, 1, nanos));
        }
        return new RepetitionResult(repetition, warmup, pp, Math.max(1, promptNanos), decode);
    }

    private void checkCancelled() {
        if (isCancelled()) throw new Cancelled();
    }

    /** Unwinds a combination cut short by {@link #cancel()}. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** The prompt and decode token ids: pseudo-random, the same for every combination and repetition. */
    private record Tokens(int[] prompt, int[] decode) {
        static Tokens of(BenchPlan plan, int vocab) {
            SplittableRandom random = new SplittableRandom(plan.seed());
            int[] prompt = random.ints(plan.promptTokens(), 0, vocab).toArray();
            int[] decode = random.ints(plan.decodeTokens(), 0, vocab).toArray();
            return new Tokens(prompt, decode);
        }
    }

    /** Carries a listener's exception past the per-combination error handling. */
    private static final class ListenerFailed extends RuntimeException {
        ListenerFailed(RuntimeException cause) {
            super(cause);
        }

        RuntimeException original() {
            return (RuntimeException) getCause();
        }
    }

    /**
     * Serializes delivery from the run's thread and the sampler's thread. A listener exception on
     * the sampler's thread is kept and rethrown on the run's thread at its next event.
     */
    private static final class Dispatcher {
        private final BenchListener listener;
        private RuntimeException failure;

        Dispatcher(BenchListener listener) {
            this.listener = listener;
        }

        synchronized void emit(BenchEvent e) {
            if (failure != null) {
                if (e instanceof BenchEvent.MemorySampled) return;
                RuntimeException f = failure;
                failure = null;
                throw new ListenerFailed(f);
            }
            try {
                listener.onEvent(e);
            } catch (RuntimeException ex) {
                if (!(e instanceof BenchEvent.MemorySampled)) throw new ListenerFailed(ex);
                failure = ex;
            }
        }
    }
}
