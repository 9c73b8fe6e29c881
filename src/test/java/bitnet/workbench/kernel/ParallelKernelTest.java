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
    /**
     * A batch gives every input the single-thread scalar result, whether the threads split it by
     * rows (few inputs) or by groups of inputs (at least {@link ParallelKernel#INPUT_GROUP} per
     * thread), including a last group that is not full; and a single product after a batch is
     * split by rows again.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vector-lut", "vector-i8", "scalar"})
    void everyInputOfABatchGetsItsOwnResultWhateverTheSplit(String kernelName) {
        MatVecKernel kernel = Kernels.byName(kernelName);
        MatVecKernel scalar = Kernels.byName("scalar");
        Random rnd = new Random(kernelName.hashCode() + 5);
        int cols = 384;
        int[] h = {640, 77, 300};
        try (Arena arena = Arena.ofShared()) {
            WeightMatrix[] ws = new WeightMatrix[3];
            for (int m = 0; m < 3; m++) {
                WeightMatrix w = ScalarKernelTest.randomMatrix(GgmlType.I2_S, h[m], cols, rnd, arena);
                if (kernel.repacksTernary()) w = w.withPacked(LutMatrix.pack(w, w.data(), arena));
                ws[m] = w;
            }
            for (int threads = 2; threads <= 3; threads++) {
                try (WorkerPool pool = new WorkerPool(threads)) {
                    ParallelKernel parallel = new ParallelKernel(kernel, pool);
                    for (int count : new int[] {2, 7, 8, 13, 32}) {
                        QuantizedActivations[] xs = new QuantizedActivations[count];
                        float[][][] outs = new float[3][count][];
                        for (int i = 0; i < count; i++) {
                            xs[i] = new QuantizedActivations(cols);
                            xs[i].quantize(ScalarKernelTest.randomVector(cols, rnd), 0, cols, ActivationQuantization.PER_TOKEN);
                            for (int m = 0; m < 3; m++) {
                                outs[m][i] = new float[h[m]];
                                java.util.Arrays.fill(outs[m][i], Float.NaN);
                            }
                        }
                        parallel.matMul(xs, count, ws[0], outs[0], ws[1], outs[1], ws[2], outs[2]);
                        for (int i = 0; i < count; i++) {
                            for (int m = 0; m < 3; m++) {
                                float[] expected = new float[h[m]];
                                scalar.matVec(ws[m], xs[i], expected, 0, h[m]);
                                assertThat(outs[m][i]).as("input %d of %d, matrix %d, %d threads", i, count, m, threads).containsExactly(expected);
                            }
                        }
                        float[] single = new float[h[0]];
                        float[] expected = new float[h[0]];
                        parallel.matVec(ws[0], xs[count - 1], single);
                        scalar.matVec(ws[0], xs[count - 1], expected, 0, h[0]);
                        assertThat(single).as("a single product after a batch of %d", count).containsExactly(expected);
                    }
                }
            }
        }
    }
}
