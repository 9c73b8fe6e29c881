package bitnet.workbench.bench;

/**
 * The process's memory at one moment of a run. Byte counts are -1 where the platform cannot tell
 * (no /proc outside Linux).
 *
 * @param elapsedNanos     since the run started
 * @param rssBytes         resident set (VmRSS)
 * @param peakRssBytes     high-water mark of the resident set (VmHWM) since the current combination started
 * @param mappedModelBytes resident bytes of the model file's mapping (its Rss in /proc/self/smaps)
 * @param heapUsedBytes    Java heap in use
 * @param processCpuNanos  CPU time of the whole process so far
 */
public record MemorySample(long elapsedNanos, long rssBytes, long peakRssBytes, long mappedModelBytes, long heapUsedBytes,
                           long processCpuNanos) {

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }
}
