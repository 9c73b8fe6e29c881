package bitnet.workbench.bench;

import bitnet.workbench.kernel.Kernels;
import bitnet.workbench.model.ModelOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Small plans and a shrunken measurement machinery, so a whole run takes well under a second on a tiny model. */
final class FastSettings {
    static final BenchRunner.Settings SETTINGS = new BenchRunner.Settings(4L << 20, 2, Duration.ofMillis(50), Duration.ofMillis(20));

    private FastSettings() {
    }

    static BenchPlan plan(Path model, List<Integer> threads, int pp, int tg, int reps, int warmup) {
        return new BenchPlan(model, threads, List.of(Kernels.DEFAULT), pp, tg, reps, warmup, BenchPlan.DEFAULT_SEED);
    }

    static BenchRunner runner(BenchPlan plan) {
        return new BenchRunner(plan, ModelOptions.defaults(), SETTINGS);
    }

    /** Keeps every event, in delivery order. */
    static final class Recorder implements BenchListener {
        final List<BenchEvent> events = new ArrayList<>();

        @Override
        public synchronized void onEvent(BenchEvent event) {
            events.add(event);
        }

        synchronized List<BenchEvent> withoutMemorySamples() {
            return events.stream().filter(e -> !(e instanceof BenchEvent.MemorySampled)).toList();
        }

        synchronized List<MemorySample> memorySamples() {
            return events.stream().filter(e -> e instanceof BenchEvent.MemorySampled).map(e -> ((BenchEvent.MemorySampled) e).sample()).toList();
        }
    }
}
