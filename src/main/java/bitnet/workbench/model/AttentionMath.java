package bitnet.workbench.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * The two inner loops of attention, in double lanes. The sums stay in double and are rounded once,
 * as in the scalar loops they replace (sequential float sums flipped an int8 code downstream on a
 * reference prompt); only the order of the double additions changes, far below a float ulp. One
 * double accumulator chain was latency-bound: about 10 ms per token at 160 positions on the 2B4T
 * shape, the cost of a third of the ternary weights.
 *
 * <p>Each widening is written out where it is used: a helper returning a vector is inlined by C2
 * only when it judges it small, which depends on what it compiled first, and where it is not
 * inlined every vector is boxed (seen in {@code LutKernel}).
 */
final class AttentionMath {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Floats with as many lanes as {@link #D}, to widen in one step. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.withShape(
        jdk.incubator.vector.VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final boolean VECTOR = D.length() >= 2 && F.length() == D.length();

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private static final ThreadLocal<double[]> QUERIES = ThreadLocal.withInitial(() -> new double[256]);

    private AttentionMath() {
    }

    /** {@code scores[t] = (float) (k_t · q) · scale} for the {@code count} key rows {@code keys[ki + t·stride ..]}. */
    static void dot1(MemorySegment keys, long ki, int stride, int count, float[] q, int qi, int n, float scale, float[] scores) {
        long at = ki;
        for (int t = 0; t < count; t++, at += stride) scores[t] = (float) dot(keys, at, q, qi, n) * scale;
    }

    /**
     * {@link #dot1} for two queries that read the same keys, each key row loaded once: the second
     * query's scores go to {@code scores[second + t]}.
     */
    static void dot2(MemorySegment keys, long ki, int stride, int count, float[] q, int q0, int q1, int n, float scale, float[] scores, int second) {
        int lanes = D.length();
        if (!VECTOR || n % lanes != 0) {
            dot1(keys, ki, stride, count, q, q0, n, scale, scores);
            long at = ki;
            for (int t = 0; t < count; t++, at += stride) scores[second + t] = (float) dot(keys, at, q, q1, n) * scale;
            return;
        }
        // The queries are widened once, not once per key row.
        double[] qd = QUERIES.get();
        if (qd.length < 2 * n) QUERIES.set(qd = new double[2 * n]);
        for (int i = 0; i < n; i++) {
            qd[i] = q[q0 + i];
            qd[n + i] = q[q1 + i];
        }
        // Four runs of positions side by side (t, t + quarter, ...): eight independent sums, and
        // four sequential streams that the hardware prefetcher follows at once; one run was
        // limited by memory latency (37 against 68 µs per layer in isolation). Each sum is still
        // formed in the same order, so a score does not depend on which run it fell in.
        int quarter = count / 4;
        long run = (long) quarter * stride;
        for (int t = 0; t < quarter; t++) {
            long a0 = ki + (long) t * stride;
            long a1 = a0 + run;
            long a2 = a1 + run;
            long a3 = a2 + run;
            DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
            DoubleVector u0 = s0, u1 = s0, u2 = s0, u3 = s0;
            for (int i = 0; i < n; i += lanes) {
                DoubleVector x = DoubleVector.fromArray(D, qd, i);
                DoubleVector y = DoubleVector.fromArray(D, qd, n + i);
                DoubleVector k0 = (DoubleVector) FloatVector.fromMemorySegment(F, keys, (a0 + i) * Float.BYTES, NATIVE).convertShape(VectorOperators.F2D, D, 0);
                DoubleVector k1 = (DoubleVector) FloatVector.fromMemorySegment(F, keys, (a1 + i) * Float.BYTES, NATIVE).convertShape(VectorOperators.F2D, D, 0);
                DoubleVector k2 = (DoubleVector) FloatVector.fromMemorySegment(F, keys, (a2 + i) * Float.BYTES, NATIVE).convertShape(VectorOperators.F2D, D, 0);
                DoubleVector k3 = (DoubleVector) FloatVector.fromMemorySegment(F, keys, (a3 + i) * Float.BYTES, NATIVE).convertShape(VectorOperators.F2D, D, 0);
                s0 = k0.fma(x, s0);
                u0 = k0.fma(y, u0);
                s1 = k1.fma(x, s1);
                u1 = k1.fma(y, u1);
                s2 = k2.fma(x, s2);
                u2 = k2.fma(y, u2);
                s3 = k3.fma(x, s3);
                u3 = k3.fma(y, u3);
            }
            scores[t] = (float) s0.reduceLanes(VectorOperators.ADD) * scale;
            scores[t + quarter] = (float) s1.reduceLanes(VectorOperators.ADD) * scale;
            scores[t + 2 * quarter] = (float) s2.reduceLanes(VectorOperators.ADD) * scale;
            scores[t + 3 * quarter] = (float) s3.reduceLanes(VectorOperators.ADD) * scale;
            scores[second + t] = (float) u0.reduceLanes(VectorOperators.ADD) * scale;
            scores[second + t + quarter] = (float) u1.reduceLanes(VectorOperators.ADD) * scale;
            scores[second + t + 2 * quarter] = (float) u2.reduceLanes(VectorOperators.ADD) * scale;
            scores[second + t + 3 * quarter] = (float) u3.reduceLanes(VectorOperators.ADD) * scale;
        }
        long at = ki + 4 * run;
        for (int t = 4 * quarter; t < count; t++, at += stride) {
            DoubleVector s0 = DoubleVector.zero(D);
            DoubleVector s1 = DoubleVector.zero(D);
            for (int i = 0; i < n; i += lanes) {
                DoubleVector k = (DoubleVector) FloatVector.fromMemorySegment(F, keys, (at + i) * Float.BYTES, NATIVE).convertShape(VectorOperators.F2D, D, 0);
                s0 = k.fma(DoubleVector.fromArray(D, qd, i), s0);
                s1 = k.fma(DoubleVector.fromArray(D, qd, n + i), s1);
            }
            scores[t] = (float) s0.reduceLanes(VectorOperators.ADD) * scale;
            scores[second + t] = (float) s1.reduceLanes(VectorOperators.ADD) * scale;
        }
    }

    /** Σ a[ai + i]·b[bi + i] for i < n, in double. */
    static double dot(MemorySegment a, long ai, float[] b, int bi, int n) {
        int i = 0;
        double sum;
        if (VECTOR && n >= 2 * D.length()) {
            DoubleVector s0 = DoubleVector.zero(D);
            DoubleVector s1 = DoubleVector.zero(D);
            int step = 2 * D.length();
            for (; i + step <= n; i += step) {
                DoubleVector a0 = (DoubleVector) FloatVector.fromMemorySegment(F, a, (ai + i) * Float.BYTES, NATIVE).convertShape(VectorOperators.F2D, D, 0);
                DoubleVector a1 = (DoubleVector) FloatVector.fromMemorySegment(F, a, (ai + i + D.length()) * Float.BYTES, NATIVE).convertShape(VectorOperators.F2D, D, 0);
                DoubleVector b0 = (DoubleVector) FloatVector.fromArray(F, b, bi + i).convertShape(VectorOperators.F2D, D, 0);
                DoubleVector b1 = (DoubleVector) FloatVector.fromArray(F, b, bi + i + D.length()).convertShape(VectorOperators.F2D, D, 0);
                s0 = a0.fma(b0, s0);
                s1 = a1.fma(b1, s1);
            }
            sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
        } else {
            sum = 0.0;
        }
        for (; i < n; i++) sum += (double) a.getAtIndex(KvCache.FLOAT, ai + i) * b[bi + i];
        return sum;
    }

    /**
     * {@code out[oi + d] = (float) Σ_t p[t]·v[vi + t·stride + d]} for {@code d < n}, {@code t < count},
     * summed in double. Lanes of {@code d} outer and positions inner, so each partial sum stays in
     * a register instead of going through memory once per position.
     */
    static void weightedSum(float[] p, int count, MemorySegment v, long vi, int stride, float[] out, int oi, int n) {
        weightedSum(p, 0, count, v, vi, stride, out, oi, n);
    }

    /** {@link #weightedSum} with the probabilities at {@code p[pi .. pi+count)}. */
    private static void weightedSum(float[] p, int pi, int count, MemorySegment v, long vi, int stride, float[] out, int oi, int n) {
        int d = 0;
        if (VECTOR) {
            for (; d + D.length() <= n; d += D.length()) {
                DoubleVector acc = DoubleVector.zero(D);
                long at = vi + d;
                for (int t = 0; t < count; t++, at += stride) {
                    DoubleVector x = (DoubleVector) FloatVector.fromMemorySegment(F, v, at * Float.BYTES, NATIVE).convertShape(VectorOperators.F2D, D, 0);
                    acc = x.fma(DoubleVector.broadcast(D, p[pi + t]), acc);
                }
                ((FloatVector) acc.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, oi + d);
            }
        }
        for (; d < n; d++) {
            double acc = 0.0;
            long at = vi + d;
            for (int t = 0; t < count; t++, at += stride) acc += v.getAtIndex(KvCache.FLOAT, at) * (double) p[pi + t];
            out[oi + d] = (float) acc;
        }
    }

    /**
     * {@link #weightedSum} for two probability rows over the same values ({@code p[0..count)} into
     * {@code out[o0 ..]}, {@code p[count..2·count)} into {@code out[o1 ..]}), each value row loaded once.
     */
    static void weightedSum2(float[] p, int count, MemorySegment v, long vi, int stride, float[] out, int o0, int o1, int n) {
        if (!VECTOR || n % D.length() != 0) {
            weightedSum(p, 0, count, v, vi, stride, out, o0, n);
            weightedSum(p, count, count, v, vi, stride, out, o1, n);
            return;
        }
        for (int d = 0; d < n; d += D.length()) {
            DoubleVector a0 = DoubleVector.zero(D);
            DoubleVector a1 = DoubleVector.zero(D);
            long at = vi + d;
            for (int t = 0; t < count; t++, at += stride) {
                DoubleVector x = (DoubleVector) FloatVector.fromMemorySegment(F, v, at * Float.BYTES, NATIVE).convertShape(VectorOperators.F2D, D, 0);
                a0 = x.fma(DoubleVector.broadcast(D, p[t]), a0);
                a1 = x.fma(DoubleVector.broadcast(D, p[count + t]), a1);
            }
            ((FloatVector) a0.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, o0 + d);
            ((FloatVector) a1.convertShape(VectorOperators.D2F, F, 0)).intoArray(out, o1 + d);
        }
    }
}
