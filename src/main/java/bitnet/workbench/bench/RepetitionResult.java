package bitnet.workbench.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What one repetition measured: the prompt as one batch (its wall time is the time to first token,
 * output head included) and every decoded token's latency, all in nanoseconds.
 *
 * @param repetition  0-based, warm-up repetitions first
 * @param warmup      whether this repetition is left out of the combination's figures
 * @param decodeNanos latency of each decoded token, in order
 */
public record RepetitionResult(int repetition, boolean warmup, int promptTokens, long promptNanos, List<Long> decodeNanos) {
    public RepetitionResult {
        decodeNanos = List.copyOf(decodeNanos);
        if (promptTokens < 1 || promptNanos <= 0) throw new IllegalArgumentException("a repetition needs a timed prompt");
    }

    public int decodeTokens() { return decodeNanos.size(); }

    public double timeToFirstTokenMillis() { return promptNanos / 1e6; }

    public double promptTokensPerSecond() { return promptTokens * 1e9 / promptNanos; }

    public long decodeNanosTotal() {
        long s = 0;
        for (long n : decodeNanos) s += n;
        return s;
    }

    /** Decoded tokens over their summed latency; NaN when nothing was decoded. */
    public double decodeTokensPerSecond() {
        return decodeNanos.isEmpty() ? Double.NaN : decodeTokens() * 1e9 / decodeNanosTotal();
    }

    /** The {@code p}-th percentile of the per-token latencies, in milliseconds. */
    public double latencyPercentileMillis(double p) {
        if (decodeNanos.isEmpty()) return Double.NaN;
        double[] ms = decodeNanos.stream().mapToDouble(n -> n / 1e6).toArray();
        Arrays.sort(ms);
        return Summary.percentile(ms, p);
    }
}
