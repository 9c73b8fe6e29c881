package bitnet.workbench.tensor;

/** C rounding functions that Java lacks, with the same results. */
final class Rounding {
    private Rounding() {
    }

    /** C {@code roundf}/{@code lroundf}: nearest integer, halves away from zero. */
    static int roundHalfAway(float x) {
        float a = Math.abs(x);
        float f = (float) Math.floor(a);
        if (a - f >= 0.5f) f += 1.0f; // a − floor(a) is exact in float
        return (int) Math.copySign(f, x);
    }

    /**
     * ggml's {@code nearest_int}: round half to even via the 1.5·2^23 trick, valid for |x| ≤ 4194303
     * (larger arguments are a misuse in ggml too; here they saturate).
     */
    static int nearestInt(float x) {
        return (int) Math.rint(x);
    }
}
