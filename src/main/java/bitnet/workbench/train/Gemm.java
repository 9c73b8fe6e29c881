package bitnet.workbench.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dense row-major float matrix products for training. Every product of the trainer is written as
 * {@code C[m,n] (+)= A[m,k] · B[k,n]} (callers transpose where needed), so one register-blocked
 * kernel serves the forward pass and both backward products. Rows of C are split among the pool's
 * threads; the vector width comes from the preferred species of the running CPU.
 */
public final class Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of A kept hot in cache while one panel of B columns streams past them. */
    private static final int ROW_BLOCK = 64;
    private static final int GRAIN = 8;

    private Gemm() {
    }

    /** {@code c = a · b} ({@code accumulate=false}) or {@code c += a · b}. */
    public static void multiply(WorkerPool pool, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        check(a, m * (long) k, "A");
        check(b, k * (long) n, "B");
        check(c, m * (long) n, "C");
        pool.forRange(m, GRAIN, (from, to) -> {
            for (int r0 = from; r0 < to; r0 += ROW_BLOCK) {
                multiplyRows(a, b, c, r0, Math.min(to, r0 + ROW_BLOCK), k, n, accumulate);
            }
        });
    }

    /** Single-threaded reference: the plain triple loop the tests compare the kernel against. */
    public static void multiplyScalar(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
        }
    }

    /** {@code dst[cols, rows] = src[rows, cols]ᵀ}, in cache-sized tiles, split among the threads. */
    public static void transpose(WorkerPool pool, float[] src, int rows, int cols, float[] dst) {
        check(src, rows * (long) cols, "source");
        check(dst, rows * (long) cols, "destination");
        final int tile = 32;
        pool.forRange(rows, tile, (from, to) -> {
            for (int i0 = from; i0 < to; i0 += tile) {
                int i1 = Math.min(to, i0 + tile);
                for (int j0 = 0; j0 < cols; j0 += tile) {
                    int j1 = Math.min(cols, j0 + tile);
                    for (int i = i0; i < i1; i++) {
                        for (int j = j0; j < j1; j++) dst[j * rows + i] = src[i * cols + j];
                    }
                }
            }
        });
    }

    /** Vectorized dot product of {@code len} floats, bit-for-bit reproducible. */
    public static float dot(float[] x, int xOff, float[] y, int yOff, int len) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (; i <= len - L; i += L) {
            acc = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc);
        }
        // lanes summed in a fixed order: reduceLanes may add in a different order once compiled,
        // which would make a resumed run differ from an uninterrupted one in the last bit
        float s = 0f;
        for (int lane = 0; lane < L; lane++) s += acc.lane(lane);
        for (; i < len; i++) s += x[xOff + i] * y[yOff + i];
        return s;
    }

    /** {@code y[yOff..] += alpha · x[xOff..]} over {@code len} floats. */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int len) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (; i <= len - L; i += L) {
            va.fma(FloatVector.fromArray(S, x, xOff + i), FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < len; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    /**
     * Single-threaded {@code C (+)= A · B} on sub-matrices: element (i, j) of X is
     * {@code x[xOff + i·ldx + j]}. For use inside a task that is itself one of the pool's jobs.
     */
    public static void multiplyStrided(float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                       float[] c, int cOff, int ldc, int m, int k, int n, boolean accumulate) {
        for (int r0 = 0; r0 < m; r0 += ROW_BLOCK) {
            multiplyRows(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, r0, Math.min(m, r0 + ROW_BLOCK), k, n, accumulate);
        }
    }

    private static void multiplyRows(float[] a, float[] b, float[] c, int r0, int r1, int k, int n, boolean acc) {
        multiplyRows(a, 0, k, b, 0, n, c, 0, n, r0, r1, k, n, acc);
    }

    private static void multiplyRows(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
                                     int ldc, int r0, int r1, int k, int n, boolean acc) {
        int j = 0;
        for (; j <= n - 4 * L; j += 4 * L) {
            int i = r0;
            for (; i <= r1 - 4; i += 4) tile4x4(a, aOff + i * lda, lda, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, k, acc);
            for (; i < r1; i++) {
                tile1x2(a, aOff + i * lda, b, bOff + j, ldb, c, cOff + i * ldc + j, k, acc);
                tile1x2(a, aOff + i * lda, b, bOff + j + 2 * L, ldb, c, cOff + i * ldc + j + 2 * L, k, acc);
            }
        }
        for (; j <= n - 2 * L; j += 2 * L) {
            int i = r0;
            for (; i <= r1 - 4; i += 4) tile4x2(a, aOff + i * lda, lda, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, k, acc);
            for (; i < r1; i++) tile1x2(a, aOff + i * lda, b, bOff + j, ldb, c, cOff + i * ldc + j, k, acc);
        }
        for (; j <= n - L; j += L) {
            for (int i = r0; i < r1; i++) tile1x1(a, aOff + i * lda, b, bOff + j, ldb, c, cOff + i * ldc + j, k, acc);
        }
        for (; j < n; j++) {
            for (int i = r0; i < r1; i++) {
                int ci = cOff + i * ldc + j, ai = aOff + i * lda;
                float s = acc ? c[ci] : 0f;
                for (int p = 0; p < k; p++) s += a[ai + p] * b[bOff + p * ldb + j];
                c[ci] = s;
            }
        }
    }

    /** Four rows of C, four vectors wide: 16 accumulators, 4 loads of B and 4 broadcasts of A per step of k. */
    private static void tile4x4(float[] a, int a0, int lda, float[] b, int b0, int ldb, float[] c, int c0, int ldc,
                                int k, boolean acc) {
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33;
        if (acc) {
            s00 = FloatVector.fromArray(S, c, c0); s01 = FloatVector.fromArray(S, c, c0 + L);
            s02 = FloatVector.fromArray(S, c, c0 + 2 * L); s03 = FloatVector.fromArray(S, c, c0 + 3 * L);
            s10 = FloatVector.fromArray(S, c, c1); s11 = FloatVector.fromArray(S, c, c1 + L);
            s12 = FloatVector.fromArray(S, c, c1 + 2 * L); s13 = FloatVector.fromArray(S, c, c1 + 3 * L);
            s20 = FloatVector.fromArray(S, c, c2); s21 = FloatVector.fromArray(S, c, c2 + L);
            s22 = FloatVector.fromArray(S, c, c2 + 2 * L); s23 = FloatVector.fromArray(S, c, c2 + 3 * L);
            s30 = FloatVector.fromArray(S, c, c3); s31 = FloatVector.fromArray(S, c, c3 + L);
            s32 = FloatVector.fromArray(S, c, c3 + 2 * L); s33 = FloatVector.fromArray(S, c, c3 + 3 * L);
        } else {
            s00 = FloatVector.zero(S); s01 = s00; s02 = s00; s03 = s00; s10 = s00; s11 = s00; s12 = s00; s13 = s00;
            s20 = s00; s21 = s00; s22 = s00; s23 = s00; s30 = s00; s31 = s00; s32 = s00; s33 = s00;
        }
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (int p = 0, bo = b0; p < k; p++, bo += ldb) {
            FloatVector v0 = FloatVector.fromArray(S, b, bo);
            FloatVector v1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector v2 = FloatVector.fromArray(S, b, bo + 2 * L);
            FloatVector v3 = FloatVector.fromArray(S, b, bo + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            s00 = x.fma(v0, s00); s01 = x.fma(v1, s01); s02 = x.fma(v2, s02); s03 = x.fma(v3, s03);
            x = FloatVector.broadcast(S, a[a1 + p]);
            s10 = x.fma(v0, s10); s11 = x.fma(v1, s11); s12 = x.fma(v2, s12); s13 = x.fma(v3, s13);
            x = FloatVector.broadcast(S, a[a2 + p]);
            s20 = x.fma(v0, s20); s21 = x.fma(v1, s21); s22 = x.fma(v2, s22); s23 = x.fma(v3, s23);
            x = FloatVector.broadcast(S, a[a3 + p]);
            s30 = x.fma(v0, s30); s31 = x.fma(v1, s31); s32 = x.fma(v2, s32); s33 = x.fma(v3, s33);
        }
        s00.intoArray(c, c0); s01.intoArray(c, c0 + L); s02.intoArray(c, c0 + 2 * L); s03.intoArray(c, c0 + 3 * L);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + L); s12.intoArray(c, c1 + 2 * L); s13.intoArray(c, c1 + 3 * L);
        s20.intoArray(c, c2); s21.intoArray(c, c2 + L); s22.intoArray(c, c2 + 2 * L); s23.intoArray(c, c2 + 3 * L);
        s30.intoArray(c, c3); s31.intoArray(c, c3 + L); s32.intoArray(c, c3 + 2 * L); s33.intoArray(c, c3 + 3 * L);
    }

    /** Four rows of C, two vectors wide: 8 accumulators, 2 loads of B and 4 broadcasts of A per step of k. */
    private static void tile4x2(float[] a, int a0, int lda, float[] b, int b0, int ldb, float[] c, int c0, int ldc,
                                int k, boolean acc) {
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector s00, s01, s10, s11, s20, s21, s30, s31;
        if (acc) {
            s00 = FloatVector.fromArray(S, c, c0); s01 = FloatVector.fromArray(S, c, c0 + L);
            s10 = FloatVector.fromArray(S, c, c1); s11 = FloatVector.fromArray(S, c, c1 + L);
            s20 = FloatVector.fromArray(S, c, c2); s21 = FloatVector.fromArray(S, c, c2 + L);
            s30 = FloatVector.fromArray(S, c, c3); s31 = FloatVector.fromArray(S, c, c3 + L);
        } else {
            s00 = FloatVector.zero(S); s01 = s00; s10 = s00; s11 = s00; s20 = s00; s21 = s00; s30 = s00; s31 = s00;
        }
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (int p = 0, bo = b0; p < k; p++, bo += ldb) {
            FloatVector v0 = FloatVector.fromArray(S, b, bo);
            FloatVector v1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            s00 = x.fma(v0, s00); s01 = x.fma(v1, s01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            s10 = x.fma(v0, s10); s11 = x.fma(v1, s11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            s20 = x.fma(v0, s20); s21 = x.fma(v1, s21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            s30 = x.fma(v0, s30); s31 = x.fma(v1, s31);
        }
        s00.intoArray(c, c0); s01.intoArray(c, c0 + L);
        s10.intoArray(c, c1); s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2); s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3); s31.intoArray(c, c3 + L);
    }

    private static void tile1x2(float[] a, int a0, float[] b, int b0, int ldb, float[] c, int c0, int k, boolean acc) {
        FloatVector s0 = acc ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
        FloatVector s1 = acc ? FloatVector.fromArray(S, c, c0 + L) : FloatVector.zero(S);
        for (int p = 0, bo = b0; p < k; p++, bo += ldb) {
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            s0 = x.fma(FloatVector.fromArray(S, b, bo), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, bo + L), s1);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + L);
    }

    private static void tile1x1(float[] a, int a0, float[] b, int b0, int ldb, float[] c, int c0, int k, boolean acc) {
        FloatVector s0 = acc ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
        for (int p = 0, bo = b0; p < k; p++, bo += ldb) {
            s0 = FloatVector.broadcast(S, a[a0 + p]).fma(FloatVector.fromArray(S, b, bo), s0);
        }
        s0.intoArray(c, c0);
    }

    private static void check(float[] x, long need, String what) {
        if (x.length < need) {
            throw new IllegalArgumentException(what + " has " + x.length + " floats, needs " + need);
        }
    }
}
