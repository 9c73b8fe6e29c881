package bitnet.workbench.inspect;

/** Summary of a tensor's values after dequantization to float. */
public record ValueStats(long count, double min, double max, double mean, double std, double meanAbs) {
}
