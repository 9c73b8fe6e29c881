package bitnet.workbench.train;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GemmTest {
    private static WorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @ParameterizedTest(name = "{0}x{1} times {1}x{2}")
    @CsvSource({"1,1,1", "4,8,32", "5,7,33", "67,19,100", "130,64,96", "3,300,17", "9,16,65"})
    void vectorKernelMatchesThePlainTripleLoopForAnyShapeWithAndWithoutAccumulation(int m, int k, int n) {
        SplittableRandom rng = new SplittableRandom(m * 1000L + k * 10L + n);
        float[] a = random(rng, m * k), b = random(rng, k * n), start = random(rng, m * n);
        for (boolean acc : new boolean[]{false, true}) {
            float[] expected = start.clone(), actual = start.clone();
            Gemm.multiplyScalar(a, b, expected, m, k, n, acc);
            Gemm.multiply(pool, a, b, actual, m, k, n, acc);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("element %d (accumulate=%s)", i, acc).isCloseTo(expected[i], within(1e-4f * k));
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1} times {1}x{2} inside larger matrices")
    @CsvSource({"1,1,1", "5,7,33", "70,19,40", "9,64,64"})
    void stridedKernelWorksOnSubMatricesAndLeavesTheRestAlone(int m, int k, int n) {
        SplittableRandom rng = new SplittableRandom(m + 31L * k + 977L * n);
        int lda = k + 3, ldb = n + 5, ldc = n + 7, aOff = 2, bOff = 4, cOff = 6;
        float[] a = random(rng, aOff + m * lda), b = random(rng, bOff + k * ldb), c = random(rng, cOff + m * ldc + 3);
        float[] expected = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = expected[cOff + i * ldc + j];
                for (int p = 0; p < k; p++) s += a[aOff + i * lda + p] * b[bOff + p * ldb + j];
                expected[cOff + i * ldc + j] = s;
            }
        }
        Gemm.multiplyStrided(a, aOff, lda, b, bOff, ldb, c, cOff, ldc, m, k, n, true);
        for (int i = 0; i < c.length; i++) assertThat(c[i]).as("element %d", i).isCloseTo(expected[i], within(1e-4f * k));
    }

    @ParameterizedTest
    @CsvSource({"1,1", "3,70", "33,31", "64,64"})
    void transposeSwapsRowsAndColumns(int rows, int cols) {
        float[] src = new float[rows * cols];
        for (int i = 0; i < src.length; i++) src[i] = i;
        float[] dst = new float[src.length];
        Gemm.transpose(pool, src, rows, cols, dst);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) assertThat(dst[j * rows + i]).isEqualTo(i * cols + j);
        }
    }

    @ParameterizedTest
    @CsvSource({"1", "15", "16", "17", "64", "100"})
    void dotAndAxpyAgreeWithScalarLoops(int len) {
        SplittableRandom rng = new SplittableRandom(len);
        float[] x = random(rng, len + 3), y = random(rng, len + 5);
        double dot = 0;
        for (int i = 0; i < len; i++) dot += x[i + 3] * y[i + 5];
        assertThat(Gemm.dot(x, 3, y, 5, len)).isCloseTo((float) dot, within(1e-5f * len));
        float[] y2 = y.clone();
        Gemm.axpy(0.5f, x, 3, y2, 5, len);
        for (int i = 0; i < len; i++) assertThat(y2[i + 5]).isCloseTo(y[i + 5] + 0.5f * x[i + 3], within(1e-6f));
    }

    static float[] random(SplittableRandom rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rng.nextDouble() * 2 - 1);
        return a;
    }
}
