package bitnet.workbench.bench;

import java.util.Arrays;

/**
 * The spread of one figure over repetitions: median, extremes and quartiles (linear interpolation
 * between order statistics, as numpy's default percentile).
 */
public record Summary(double median, double min, double max, double q1, double q3, int count) {

    public static Summary of(double... values) {
        if (values.length == 0) throw new IllegalArgumentException("no values to summarize");
        double[] v = values.clone();
        Arrays.sort(v);
        return new Summary(percentile(v, 50), v[0], v[v.length - 1], percentile(v, 25), percentile(v, 75), v.length);
    }

    /** The {@code p}-th percentile (0..100) of {@code sorted}, which must be in ascending order. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) throw new IllegalArgumentException("no values");
        if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("percentile " + p + " is outside 0..100");
        double at = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    public double interquartileRange() {
        return q3 - q1;
    }
}
