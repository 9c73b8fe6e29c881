package bitnet.workbench.kernel;

import bitnet.workbench.gguf.GgmlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScalarKernelTest {
    private final MatVecKernel kernel = Kernels.byName("scalar");

    /** A random matrix of {@code type}: random bytes for codes, sane random fp16 scales. */
    static WeightMatrix randomMatrix(GgmlType type, int rows, int cols, Random rnd, Arena arena) {
        long bytes = type.byteSize((long) rows * cols);
        MemorySegment seg = arena.allocate(bytes, 64);
        for (long i = 0; i < bytes; i++) seg.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt(256));
        ValueLayout.OfShort le16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        ValueLayout.OfFloat le32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case F32 -> { for (long i = 0; i < (long) rows * cols; i++) seg.set(le32, 4 * i, (float) rnd.nextGaussian()); }
            case F16 -> { for (long i = 0; i < (long) rows * cols; i++) seg.set(le16, 2 * i, Float.floatToFloat16((float) rnd.nextGaussian())); }
            case BF16 -> { for (long i = 0; i < (long) rows * cols; i++) seg.set(le16, 2 * i, (short) (Float.floatToIntBits((float) rnd.nextGaussian()) >>> 16)); }
            case Q8_0 -> { for (long b = 0; b < (long) rows * cols / 32; b++) seg.set(le16, 34 * b, Float.floatToFloat16(0.01f + rnd.nextFloat() * 0.05f)); }
            case Q6_K -> { for (long b = 0; b < (long) rows * cols / 256; b++) seg.set(le16, 210 * b + 208, Float.floatToFloat16(0.001f + rnd.nextFloat() * 0.004f)); }
            case TQ2_0 -> { for (long b = 0; b < (long) rows * cols / 256; b++) seg.set(le16, 66 * b + 64, Float.floatToFloat16(0.02f + rnd.nextFloat() * 0.08f)); }
            case TQ1_0 -> { for (long b = 0; b < (long) rows * cols / 256; b++) seg.set(le16, 54 * b + 52, Float.floatToFloat16(0.02f + rnd.nextFloat() * 0.08f)); }
            case I2_S -> seg.set(le32, (long) rows * cols / 4, 0.02f + rnd.nextFloat() * 0.08f);
            default -> throw new IllegalArgumentException(type.toString());
        }
        return WeightMatrix.of("random " + type, type, rows, cols, seg);
    }

    static float[] randomVector(int n, Random rnd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * (rnd.nextInt(10) == 0 ? 4 : 1));
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q6_K"})
    void floatFormatsEqualADequantizeThenDotComputation(GgmlType type) {
        Random rnd = new Random(11 + type.id);
        try (Arena arena = Arena.ofConfined()) {
            for (int trial = 0; trial < 6; trial++) {
                int rows = 1 + 2 * rnd.nextInt(20); // odd row counts
                int cols = type.blockSize == 256 ? 256 * (1 + rnd.nextInt(3)) : 32 * (1 + rnd.nextInt(12));
                WeightMatrix w = randomMatrix(type, rows, cols, rnd, arena);
                float[] x = randomVector(cols, rnd);
                QuantizedActivations a = new QuantizedActivations(cols);
                a.loadFloat(x, 0, cols);
                float[] out = new float[rows];
                kernel.matVec(w, a, out, 0, rows);
                for (int r = 0; r < rows; r++) {
                    double expected = 0, magnitude = 0;
                    for (int c = 0; c < cols; c++) {
                        double p = (double) TernaryReference.floatValue(w, r, c) * x[c];
                        expected += p;
                        magnitude += Math.abs(p);
                    }
                    assertThat((double) out[r]).as("row %d of %dx%d", r, rows, cols).isCloseTo(expected, within(1e-5 * magnitude + 1e-6));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GgmlType.class, names = {"I2_S", "TQ1_0", "TQ2_0"})
    void ternaryFormatsWithPerTokenActivationsEqualTheIntegerDotExactly(GgmlType type) {
        Random rnd = new Random(23 + type.id);
        try (Arena arena = Arena.ofConfined()) {
            for (int trial = 0; trial < 6; trial++) {
                int rows = 1 + 2 * rnd.nextInt(16);
                int cols = 256 * (1 + rnd.nextInt(3));
                WeightMatrix w = randomMatrix(type, rows, cols, rnd, arena);
                TernaryReference.Decoded dec = TernaryReference.decode(w);
                float[] x = randomVector(cols, rnd);
                QuantizedActivations a = new QuantizedActivations(cols);
                a.quantize(x, 0, cols, ActivationQuantization.PER_TOKEN);
                float[] out = new float[rows];
                kernel.matVec(w, a, out, 0, rows);
                for (int r = 0; r < rows; r++) {
                    // bitnet.cpp: (float)Σ w·q / s · scale, over runs of equal scale (one run for I2_S).
                    float expected = 0f;
                    int c = 0;
                    while (c < cols) {
                        float scale = dec.scales()[r][c];
                        long sum = 0;
                        int end = c;
                        while (end < cols && dec.scales()[r][end] == scale) {
                            sum += (long) dec.weights()[r][end] * a.codes()[end];
                            end++;
                        }
                        expected += (float) sum / a.tokenScale() * scale;
                        c = end;
                    }
                    assertThat(out[r]).as("row %d of %dx%d", r, rows, cols).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GgmlType.class, names = {"I2_S", "TQ1_0", "TQ2_0"})
    void ternaryFormatsWithQ8kBlocksEqualThePerBlockIntegerDotExactly(GgmlType type) {
        Random rnd = new Random(31 + type.id);
        try (Arena arena = Arena.ofConfined()) {
            for (int trial = 0; trial < 6; trial++) {
                int rows = 1 + 2 * rnd.nextInt(16);
                int cols = 256 * (1 + rnd.nextInt(3));
                WeightMatrix w = randomMatrix(type, rows, cols, rnd, arena);
                TernaryReference.Decoded dec = TernaryReference.decode(w);
                float[] x = randomVector(cols, rnd);
                QuantizedActivations a = new QuantizedActivations(cols);
                a.quantize(x, 0, cols, ActivationQuantization.Q8K_BLOCKS);
                float[] out = new float[rows];
                kernel.matVec(w, a, out, 0, rows);
                for (int r = 0; r < rows; r++) {
                    // ggml_vec_dot_tq*_q8_K: per block of 256, y += (float)Σ · (d_a · d_w).
                    float expected = 0f;
                    for (int b = 0; b < cols / 256; b++) {
                        long sum = 0;
                        for (int c = b * 256; c < (b + 1) * 256; c++) sum += (long) dec.weights()[r][c] * a.codes()[c];
                        expected += (float) sum * (a.blockStep(b) * dec.scales()[r][b * 256]);
                    }
                    assertThat(out[r]).as("row %d", r).isEqualTo(expected);
                    // and the value itself is the plain float product to within the int8 rounding
                    double plain = 0;
                    for (int c = 0; c < cols; c++) plain += (double) dec.value(r, c) * a.codes()[c] * a.blockStep(c / 256);
                    assertThat((double) out[r]).isCloseTo(plain, within(1e-4 * Math.max(1, Math.abs(plain))));
                }
            }
        }
    }

    @Test
    void q6kRowsReadExactlyAsTheTensorFormatDequantizes() {
        Random rnd = new Random(8);
        try (Arena arena = Arena.ofConfined()) {
            WeightMatrix w = randomMatrix(GgmlType.Q6_K, 5, 768, rnd, arena);
            float[] expected = new float[5 * 768];
            bitnet.workbench.tensor.TensorFormats.of(GgmlType.Q6_K).dequantize(w.data(), 0, 5 * 768, expected, 0);
            float[] row = new float[768];
            for (int r = 0; r < 5; r++) {
                RowReader.read(w, r, row, 0);
                assertThat(row).containsExactly(java.util.Arrays.copyOfRange(expected, r * 768, (r + 1) * 768));
            }
        }
    }

    @Test
    void aRowRangeWritesOnlyItsRows() {
        Random rnd = new Random(5);
        try (Arena arena = Arena.ofConfined()) {
            WeightMatrix w = randomMatrix(GgmlType.I2_S, 9, 256, rnd, arena);
            QuantizedActivations a = new QuantizedActivations(256);
            a.quantize(randomVector(256, rnd), 0, 256, ActivationQuantization.PER_TOKEN);
            float[] whole = new float[9];
            kernel.matVec(w, a, whole, 0, 9);
            float[] split = new float[9];
            java.util.Arrays.fill(split, Float.NaN);
            kernel.matVec(w, a, split, 3, 7);
            for (int r = 0; r < 9; r++) {
                if (r >= 3 && r < 7) assertThat(split[r]).isEqualTo(whole[r]);
                else assertThat(split[r]).isNaN();
            }
            kernel.matVec(w, a, split, 0, 3);
            kernel.matVec(w, a, split, 7, 9);
            assertThat(split).containsExactly(whole);
        }
    }

    @Test
    void matMulEqualsOneMatVecPerInput() {
        Random rnd = new Random(6);
        try (Arena arena = Arena.ofConfined()) {
            WeightMatrix w = randomMatrix(GgmlType.TQ2_0, 5, 512, rnd, arena);
            QuantizedActivations[] xs = new QuantizedActivations[3];
            float[][] outs = new float[3][5];
            for (int i = 0; i < 3; i++) {
                xs[i] = new QuantizedActivations(512);
                xs[i].quantize(randomVector(512, rnd), 0, 512, ActivationQuantization.Q8K_BLOCKS);
            }
            kernel.matMul(w, xs, outs, 3, 0, 5);
            for (int i = 0; i < 3; i++) {
                float[] one = new float[5];
                kernel.matVec(w, xs[i], one, 0, 5);
                assertThat(outs[i]).containsExactly(one);
            }
        }
    }

    @Test
    void ternaryMatricesRefuseFloatOnlyInputAndMismatchedLengths() {
        try (Arena arena = Arena.ofConfined()) {
            WeightMatrix w = randomMatrix(GgmlType.I2_S, 2, 128, new Random(1), arena);
            QuantizedActivations a = new QuantizedActivations(256);
            a.loadFloat(new float[128], 0, 128);
            assertThatThrownBy(() -> kernel.matVec(w, a, new float[2], 0, 2)).hasMessageContaining("needs int8 activations");
            a.quantize(new float[256], 0, 256, ActivationQuantization.PER_TOKEN);
            assertThatThrownBy(() -> kernel.matVec(w, a, new float[2], 0, 2)).hasMessageContaining("rows of 128 values but the input has 256");
            assertThatThrownBy(() -> Kernels.byName("avx9000")).hasMessageContaining("unknown kernel 'avx9000'").hasMessageContaining("scalar");
        }
    }
}
