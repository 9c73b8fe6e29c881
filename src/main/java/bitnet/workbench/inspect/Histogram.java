package bitnet.workbench.inspect;

/**
 * Counts of values in {@code counts.length} equal bins over [min, max]; the last bin includes max.
 * When min equals max every value lands in the first bin.
 */
public record Histogram(double min, double max, long[] counts) {

    public Histogram {
        counts = counts.clone();
        if (counts.length == 0) throw new IllegalArgumentException("a histogram needs at least one bin");
        if (!(max >= min)) throw new IllegalArgumentException("histogram range [" + min + ", " + max + "] is empty");
    }

    @Override
    public long[] counts() { return counts.clone(); }

    public int bins() { return counts.length; }

    public long count(int bin) { return counts[bin]; }

    public double binWidth() { return (max - min) / counts.length; }

    public double binStart(int bin) { return min + bin * binWidth(); }

    public double binEnd(int bin) { return bin == counts.length - 1 ? max : min + (bin + 1) * binWidth(); }

    public long total() {
        long t = 0;
        for (long c : counts) t += c;
        return t;
    }

    /** The bin of {@code v}, clamped to the range. */
    public static int bin(double v, double min, double max, int bins) {
        if (max <= min) return 0;
        int b = (int) ((v - min) / (max - min) * bins);
        return Math.max(0, Math.min(bins - 1, b));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && h.min == min && h.max == max && java.util.Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[" + min + ".." + max + ", " + java.util.Arrays.toString(counts) + "]";
    }
}
