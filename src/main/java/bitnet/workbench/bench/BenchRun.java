package bitnet.workbench.bench;

import java.util.List;
import java.util.Optional;

/**
 * A finished (or cancelled) benchmark run: where and on what it ran, what it measured, and the
 * memory timeline. This is what the JSON export saves and the GUI loads to overlay runs.
 *
 * @param startedAt  ISO-8601 instant
 * @param finishedAt ISO-8601 instant
 * @param results    finished combinations in run order
 * @param memory     the memory timeline, every ~100 ms
 */
public record BenchRun(MachineInfo machine, ModelSummary model, BenchPlan plan, BytesPerToken bytesPerToken,
                       String startedAt, String finishedAt, boolean cancelled, List<BandwidthMeasurement> bandwidth,
                       List<CombinationResult> results, List<CombinationFailure> failures, List<MemorySample> memory) {

    public BenchRun {
        bandwidth = List.copyOf(bandwidth);
        results = List.copyOf(results);
        failures = List.copyOf(failures);
        memory = List.copyOf(memory);
    }

    /** The best of the measurements with {@code threads} threads (one before the combinations, one after each that used them). */
    public Optional<BandwidthMeasurement> bandwidthFor(int threads) {
        return BandwidthMeasurement.best(bandwidth, threads);
    }
}
