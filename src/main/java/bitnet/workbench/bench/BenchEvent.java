package bitnet.workbench.bench;

import java.util.List;

/**
 * What a benchmark run reports while it runs; the CLI's table and the GUI's charts are both fed from
 * this stream. A run emits, in order: {@link RunStarted}; one {@link BandwidthMeasured} per thread
 * count; then per combination {@link CombinationStarted}, for each repetition a {@link TokenTimed}
 * for the prompt and one per decoded token followed by {@link RepetitionFinished}, and finally
 * {@link CombinationFinished} or {@link CombinationFailed}; and last {@link RunFinished} or
 * {@link RunCancelled}. {@link MemorySampled} events arrive throughout, every ~100 ms.
 */
public sealed interface BenchEvent {

    /** The run has begun; the model is open and its bytes per token known. */
    record RunStarted(BenchPlan plan, MachineInfo machine, ModelSummary model, BytesPerToken bytesPerToken,
                      List<Combination> combinations, String startedAt) implements BenchEvent {
        public RunStarted {
            combinations = List.copyOf(combinations);
        }
    }

    /** Streaming read bandwidth with one of the plan's thread counts (measured before any combination runs). */
    record BandwidthMeasured(BandwidthMeasurement measurement) implements BenchEvent {
    }

    record CombinationStarted(int index, Combination combination) implements BenchEvent {
    }

    enum Phase { PROMPT, DECODE }

    /**
     * One timed step: the prompt batch ({@code tokens} = prompt length, {@code step} 0) or one
     * decoded token ({@code step} 0-based, {@code tokens} 1). For live latency charts.
     */
    record TokenTimed(int index, int repetition, boolean warmup, Phase phase, int step, int tokens, long nanos) implements BenchEvent {
        public double millis() {
            return nanos / 1e6;
        }
    }

    record RepetitionFinished(int index, Combination combination, RepetitionResult result) implements BenchEvent {
    }

    record CombinationFinished(CombinationResult result) implements BenchEvent {
    }

    record CombinationFailed(CombinationFailure failure) implements BenchEvent {
    }

    record MemorySampled(MemorySample sample) implements BenchEvent {
    }

    /** Every combination ran (some may have failed); {@code run} is what {@code BenchRunner.run} returns. */
    record RunFinished(BenchRun run) implements BenchEvent {
    }

    /** Cancelled: {@code run} holds the combinations that finished before the cancel. */
    record RunCancelled(BenchRun run) implements BenchEvent {
    }
}
