package bitnet.workbench.tensor;

import java.util.Objects;

/**
 * The first pass over a tensor that a ternary quantizer needs: it sees every value once (row by row,
 * in any number of calls) and then names the per-tensor rule. Not thread-safe; scan parts in parallel
 * with one instance each and {@link #merge} them.
 *
 * <p>{@link #absmean()} implements the BitNet b1.58 absmean rule: scale γ = mean|W| over the whole
 * tensor, W_q = clamp(round(W/γ), −1, 1). One exception keeps ternary inputs lossless: when every
 * nonzero |w| has the same value m (the tensor already is ternary × m), absmean would give γ = m × the
 * share of nonzeros, and the codes times γ would no longer equal the input; the scale is then m itself.
 * The codes are the same either way.
 */
public final class TernaryScale {
    private long count;
    private double sumAbs;
    private float maxAbs;
    /** The common |w| of all nonzero values seen so far, 0 if none, NaN once two differ. */
    private float commonAbs;

    public TernaryScale add(float[] values, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, values.length);
        for (int i = offset; i < offset + length; i++) {
            float v = values[i];
            if (!Float.isFinite(v)) throw new IllegalArgumentException("cannot ternarize " + v + " (index " + i + ")");
            float a = Math.abs(v);
            sumAbs += a;
            if (a > maxAbs) maxAbs = a;
            if (a != 0 && commonAbs != a) commonAbs = commonAbs == 0 ? a : Float.NaN;
        }
        count += length;
        return this;
    }

    public TernaryScale add(float[] values) {
        return add(values, 0, values.length);
    }

    public static TernaryScale of(float[] values) {
        return new TernaryScale().add(values);
    }

    /** Combines another scan of a different part of the same tensor into this one. */
    public TernaryScale merge(TernaryScale other) {
        count += other.count;
        sumAbs += other.sumAbs;
        maxAbs = Math.max(maxAbs, other.maxAbs);
        if (other.commonAbs != 0 && commonAbs != other.commonAbs) commonAbs = commonAbs == 0 ? other.commonAbs : Float.NaN;
        return this;
    }

    public long count() { return count; }

    public double meanAbs() {
        requireValues();
        return sumAbs / count;
    }

    public float maxAbs() { return maxAbs; }

    /** True when every nonzero value has the same magnitude, i.e. the values already are ternary × {@link #maxAbs}. */
    public boolean isExactlyTernary() {
        return !Float.isNaN(commonAbs);
    }

    /** The absmean rule (see the class comment for the lossless case). */
    public Ternarization.RoundToScale absmean() {
        requireValues();
        return new Ternarization.RoundToScale(isExactlyTernary() ? maxAbs : (float) meanAbs());
    }

    /** bitnet.cpp's rule: scale = max|w|, code = sign. */
    public Ternarization.SignTimesMax bitnetCpp() {
        requireValues();
        return new Ternarization.SignTimesMax(maxAbs);
    }

    private void requireValues() {
        if (count == 0) throw new IllegalStateException("no values scanned yet");
    }
}
