package bitnet.workbench.bench;

/**
 * Streaming read bandwidth with a number of threads: the best pass of several over an off-heap
 * array larger than the caches.
 */
public record BandwidthMeasurement(int threads, double bytesPerSecond, long arrayBytes, int passes) {
    public double gigabytesPerSecond() {
        return bytesPerSecond / 1e9;
    }
}
