package bitnet.workbench.inspect;

/**
 * How many weights of a tensor are −1, 0 and +1. {@code other} counts stored codes that are not
 * ternary at all (code 3 in TQ2_0 means +2); a well-formed file has none.
 */
public record TernaryCounts(long minus, long zero, long plus, long other) {

    public long total() { return minus + zero + plus + other; }

    /** Share of zeros among all weights (0 for an empty tensor). */
    public double sparsity() { return share(zero); }

    public double minusShare() { return share(minus); }

    public double zeroShare() { return share(zero); }

    public double plusShare() { return share(plus); }

    private double share(long n) {
        long t = total();
        return t == 0 ? 0 : (double) n / t;
    }

    public TernaryCounts plus(TernaryCounts o) {
        return new TernaryCounts(minus + o.minus, zero + o.zero, plus + o.plus, other + o.other);
    }
}
