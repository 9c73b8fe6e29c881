package bitnet.workbench.bench;

import java.util.List;

/**
 * Everything measured for one combination. Figures are summarized over the timed repetitions
 * (warm-ups excluded, though they are kept in {@code repetitionResults} with their flag set).
 *
 * @param index                    position in the run's combination order
 * @param timeToFirstTokenMillis   wall time of the prompt batch, output head included
 * @param latencyP50Millis         each repetition's median per-token decode latency, summarized
 * @param latencyP95Millis         each repetition's 95th-percentile per-token decode latency, summarized
 * @param peakRssBytes             high-water mark of the resident set during this combination (VmHWM, reset at its start when the kernel allows)
 * @param rssBytes                 resident set after the last repetition
 * @param mappedModelBytes         resident bytes of the model's mapping after the last repetition
 * @param heapUsedBytes            Java heap in use after the last repetition
 * @param bandwidthBytesPerSecond  streaming read bandwidth measured with this many threads
 * @param bytesPerToken            bytes read per decoded token (weights and KV cache)
 * @param ceilingTokensPerSecond   bandwidth / bytes per token
 * @param fractionOfCeiling        median decode tokens/s over the ceiling
 */
public record CombinationResult(int index, Combination combination, int promptTokens, int decodeTokens, int repetitions,
                                Summary timeToFirstTokenMillis, Summary promptTokensPerSecond,
                                Summary decodeTokensPerSecond, Summary latencyP50Millis, Summary latencyP95Millis,
                                long peakRssBytes, long rssBytes, long mappedModelBytes, long heapUsedBytes,
                                double bandwidthBytesPerSecond, long bytesPerToken, double ceilingTokensPerSecond,
                                double fractionOfCeiling, List<RepetitionResult> repetitionResults) {

    public CombinationResult {
        repetitionResults = List.copyOf(repetitionResults);
    }

    /** Summarizes the timed repetitions among {@code all}. */
    static CombinationResult of(int index, Combination combination, List<RepetitionResult> all, MemorySample memory,
                                double bandwidthBytesPerSecond, BytesPerToken bytes) {
        List<RepetitionResult> timed = all.stream().filter(r -> !r.warmup()).toList();
        if (timed.isEmpty()) throw new IllegalArgumentException("no timed repetitions for " + combination.label());
        RepetitionResult first = timed.getFirst();
        Summary decode = Summary.of(timed.stream().mapToDouble(RepetitionResult::decodeTokensPerSecond).toArray());
        double ceiling = bytes.ceilingTokensPerSecond(bandwidthBytesPerSecond);
        return new CombinationResult(index, combination, first.promptTokens(), first.decodeTokens(), timed.size(),
            Summary.of(timed.stream().mapToDouble(RepetitionResult::timeToFirstTokenMillis).toArray()),
            Summary.of(timed.stream().mapToDouble(RepetitionResult::promptTokensPerSecond).toArray()),
            decode,
            Summary.of(timed.stream().mapToDouble(r -> r.latencyPercentileMillis(50)).toArray()),
            Summary.of(timed.stream().mapToDouble(r -> r.latencyPercentileMillis(95)).toArray()),
            memory.peakRssBytes(), memory.rssBytes(), memory.mappedModelBytes(), memory.heapUsedBytes(),
            bandwidthBytesPerSecond, bytes.total(), ceiling, decode.median() / ceiling, all);
    }
}
