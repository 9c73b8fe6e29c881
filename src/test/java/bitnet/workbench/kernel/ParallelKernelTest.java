package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One dispatch of up to three matrices split between threads gives, row for row, the single-thread
 * scalar result: whatever the thread count, however the shared unit range falls across matrices of
 * different heights (some smaller than one 128-row unit, some not a multiple of it).
 */
class ParallelKernelTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vector-lut", "vector-i8", "scalar"})
    void everyRowOfEveryMatrixIsComputedOnceWhateverTheThreadCount(String kernelName) {
        MatVecKernel kernel = Kernels.byName(kernelName);
        MatVecKernel scalar = Kernels.byName("scalar");
        Random rnd = new Random(kernelName.hashCode());
        int cols = 384;
        int[][] heights = {{640, 128, 128}, {77, 1000, 5}, {300, 301, 1}, {2560, 640, 640}};
        try (Arena arena = Arena.ofShared()) {   // workers read the matrices
            for (int[] h : heights) {
                WeightMatrix[] ws = new WeightMatrix[3];
                for (int m = 0; m < 3; m++) {
                    WeightMatrix w = ScalarKernelTest.randomMatrix(GgmlType.I2_S, h[m], cols, rnd, arena);
                    if (kernel.repacksTernary()) w = w.withPacked(LutMatrix.pack(w, w.data(), arena));
                    ws[m] = w;
                }
                QuantizedActivations x = new QuantizedActivations(cols);
                x.quantize(ScalarKernelTest.randomVector(cols, rnd), 0, cols, ActivationQuantization.PER_TOKEN);
                float[][] expected = new float[3][];
                for (int m = 0; m < 3; m++) {
                    expected[m] = new float[h[m]];
                    scalar.matVec(ws[m], x, expected[m], 0, h[m]);
                }
                for (int threads = 1; threads <= 4; threads++) {
                    try (WorkerPool pool = new WorkerPool(threads)) {
                        ParallelKernel parallel = new ParallelKernel(kernel, pool);
                        float[][] out = new float[3][];
                        for (int m = 0; m < 3; m++) {
                            out[m] = new float[h[m]];
                            java.util.Arrays.fill(out[m], Float.NaN);
                        }
                        parallel.matVec(x, ws[0], out[0], ws[1], out[1], ws[2], out[2]);
                        for (int m = 0; m < 3; m++) {
                            assertThat(out[m]).as("matrix %d (%d rows) of %s, %d threads", m, h[m], java.util.Arrays.toString(h), threads).containsExactly(expected[m]);
                        }
                    }
                }
            }
        }
    }

    /**
     * Decoding reuses one input object for every layer, re-quantized each time, and the lookup kernel
     * builds each thread's own tables from it: every thread must see the new values (and a new width)
     * in the next product, never the tables of the last one.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vector-lut", "vector-i8"})
    void oneInputReQuantizedBetweenProductsGivesEachProductItsOwnResult(String kernelName) {
        MatVecKernel kernel = Kernels.byName(kernelName);
        MatVecKernel scalar = Kernels.byName("scalar");
        Random rnd = new Random(11);
        int[] widths = {384, 384, 768, 384, 640};
        try (Arena arena = Arena.ofShared(); WorkerPool pool = new WorkerPool(3)) {
            ParallelKernel parallel = new ParallelKernel(kernel, pool);
            QuantizedActivations x = new QuantizedActivations(768);
            for (int step = 0; step < 12; step++) {
                int cols = widths[step % widths.length];
                WeightMatrix w = ScalarKernelTest.randomMatrix(GgmlType.I2_S, 2560, cols, rnd, arena);
                if (kernel.repacksTernary()) w = w.withPacked(LutMatrix.pack(w, w.data(), arena));
                x.quantize(ScalarKernelTest.randomVector(cols, rnd), 0, cols, ActivationQuantization.PER_TOKEN);
                float[] expected = new float[w.rows()];
                scalar.matVec(w, x, expected, 0, w.rows());
                float[] out = new float[w.rows()];
                parallel.matVec(w, x, out);
                assertThat(out).as("product %d, %d columns", step, cols).containsExactly(expected);
            }
        }
    }
}
