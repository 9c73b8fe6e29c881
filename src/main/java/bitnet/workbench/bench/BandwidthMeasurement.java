package bitnet.workbench.bench;

/**
 * Streaming read bandwidth with a number of threads: the best pass of several over an off-heap
 * array larger than the caches, and how each thread read its slice in that pass
 * ({@code streamsPerThread} runs side by side; 0 in runs saved before this was recorded or when
 * no pass ran).
 */
public record BandwidthMeasurement(int threads, double bytesPerSecond, long arrayBytes, int passes, int streamsPerThread) {
    /** A measurement whose reading pattern is not known (runs saved before it was recorded). */
    public BandwidthMeasurement(int threads, double bytesPerSecond, long arrayBytes, int passes) {
        this(threads, bytesPerSecond, arrayBytes, passes, 0);
    }

    public double gigabytesPerSecond() {
        return bytesPerSecond / 1e9;
    }

    /** The fastest of {@code measured} with {@code threads} threads: the most the machine showed it can stream. */
    public static java.util.Optional<BandwidthMeasurement> best(java.util.List<BandwidthMeasurement> measured, int threads) {
        return measured.stream().filter(b -> b.threads() == threads).max(java.util.Comparator.comparingDouble(BandwidthMeasurement::bytesPerSecond));
    }
}
